//! Catalogue text, and text as a parser hands it over.
//!
//! [`Text`] is a catalogue's string: a borrowed `&str`, lent by the file's text where the file
//! spells it plainly, by the catalogue's [`super::Arena`] where the parser had to build it
//! (escapes, folded lines) or the loader did (normalised keys), and by static data for the
//! embedded catalogue. It is two words and `Copy`. [`Str`] is what a parser hands over: lent by
//! the input where it can be, built where not; the loader moves it into a `Text`.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Visitor};
use serde::{Deserialize, Serialize};

/// A string of a catalogue (see the module's doc).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text<'t>(&'t str);

impl<'t> Text<'t> {
    /// Text lent by static data or by the catalogue's text or arena.
    pub(super) const fn lent(text: &'t str) -> Text<'t> {
        Text(text)
    }

    /// The text, for as long as the catalogue lives.
    pub fn as_str(self) -> &'t str {
        self.0
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl std::borrow::Borrow<str> for Text<'_> {
    fn borrow(&self) -> &str {
        self.0
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

/// Text as a parser hands it over: lent by the input where it spells it plainly (no escapes,
/// no folded lines), built where the parser had to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Str<'t>(pub(crate) Cow<'t, str>);

impl<'t> Str<'t> {
    /// The text, when the input lends it (and so where it stands in the input).
    pub(crate) fn lent(&self) -> Option<&'t str> {
        match self.0 {
            Cow::Borrowed(s) => Some(s),
            Cow::Owned(_) => None,
        }
    }
}

impl std::ops::Deref for Str<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Str<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Str<'_> {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Str<'_> {
    fn from(s: String) -> Self {
        Str(Cow::Owned(s))
    }
}

impl<'t> From<&'t str> for Str<'t> {
    fn from(s: &'t str) -> Self {
        Str(Cow::Borrowed(s))
    }
}

impl Serialize for Str<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de: 't, 't> Deserialize<'de> for Str<'t> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor<'t>(std::marker::PhantomData<Str<'t>>);

        impl<'de: 't, 't> Visitor<'de> for StrVisitor<'t> {
            type Value = Str<'t>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Str<'t>, E> {
                Ok(Str(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Str<'t>, E> {
                Ok(Str(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Str<'t>, E> {
                Ok(Str(Cow::Owned(v)))
            }
        }

        deserializer.deserialize_str(StrVisitor(std::marker::PhantomData))
    }
}

/// In a schema, both kinds of text are strings.
macro_rules! string_schema {
    ($($text:ident),*) => {$(
        impl JsonSchema for $text<'_> {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> Cow<'static, str> {
                String::schema_name()
            }

            fn json_schema(generator: &mut SchemaGenerator) -> Schema {
                String::json_schema(generator)
            }
        }
    )*};
}

string_schema!(Text, Str);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_lent_by_both_parsers_and_escaped_text_is_built() {
        let json: Vec<Str> = serde_json::from_str(r#"["plain", "esc\"aped"]"#).unwrap();
        assert!(matches!(json[0].0, Cow::Borrowed("plain")));
        assert!(matches!(&json[1].0, Cow::Owned(s) if s == "esc\"aped"));
        let yaml: Vec<Str> = serde_saphyr::from_str("[plain, \"esc\\taped\"]").unwrap();
        assert!(matches!(yaml[0].0, Cow::Borrowed("plain")));
        assert_eq!(&*yaml[1], "esc\taped");
    }
}
