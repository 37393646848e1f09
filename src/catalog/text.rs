//! Catalogue text: borrowed from the file wherever the parser can lend it.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Visitor};
use serde::{Deserialize, Serialize};

/// A string of a catalogue. Where the file spells it plainly (no escapes, no folded lines) it
/// borrows from the file's text, so a large catalogue costs little beyond that text; where the
/// parser had to build it, it owns it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text<'t>(pub(super) Cow<'t, str>);

impl<'t> Text<'t> {
    /// Text lent by static data (the embedded catalogue of `embedded.rs`).
    pub(super) const fn lent(text: &'t str) -> Text<'t> {
        Text(Cow::Borrowed(text))
    }

    /// The same text, lent for as long as the catalogue lives when it was lent by the file.
    pub(crate) fn reborrow(&self) -> Text<'t> {
        match &self.0 {
            Cow::Borrowed(s) => Text(Cow::Borrowed(s)),
            Cow::Owned(s) => Text(Cow::Owned(s.clone())),
        }
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Text<'_> {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Text<'_> {
    fn from(s: String) -> Self {
        Text(Cow::Owned(s))
    }
}

impl<'t> From<&'t str> for Text<'t> {
    fn from(s: &'t str) -> Self {
        Text(Cow::Borrowed(s))
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de: 't, 't> Deserialize<'de> for Text<'t> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor<'t>(std::marker::PhantomData<Text<'t>>);

        impl<'de: 't, 't> Visitor<'de> for TextVisitor<'t> {
            type Value = Text<'t>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'t>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'t>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'t>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }

        deserializer.deserialize_str(TextVisitor(std::marker::PhantomData))
    }
}

impl JsonSchema for Text<'_> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_lent_by_both_parsers_and_escaped_text_is_built() {
        let json: Vec<Text> = serde_json::from_str(r#"["plain", "esc\"aped"]"#).unwrap();
        assert!(matches!(json[0].0, Cow::Borrowed("plain")));
        assert!(matches!(&json[1].0, Cow::Owned(s) if s == "esc\"aped"));
        let yaml: Vec<Text> = serde_saphyr::from_str("[plain, \"esc\\taped\"]").unwrap();
        assert!(matches!(yaml[0].0, Cow::Borrowed("plain")));
        assert_eq!(&*yaml[1], "esc\taped");
    }
}
