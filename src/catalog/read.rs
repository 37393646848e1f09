//! Reading a layer straight from the parser into the builder, with no file struct in between.
//!
//! Both backends (serde_json, serde-saphyr) drive these seeds. Each field of a layer or part
//! is read as it comes: text is lent by the file (or, where the parser had to build it, copied
//! into the catalogue's [`Arena`]), lists go to the arena as they end, and the entries of
//! `owners`, `notes` and `caveats` go to the builder's [`Drafts`], reused from layer to layer.
//! What comes out is a [`LayerDraft`]: the layer as the file spells it, unchecked. The builder
//! checks and builds it once the layer's mapping ends, since its id may come after its parts.
//!
//! The fields, their defaults and the messages for an unknown, repeated or missing field are
//! the ones serde's derive gives [`super::file::LayerFile`] and [`super::file::RowFile`], which
//! describe the format for the JSON Schema; a test keeps the two field lists equal.

use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::file::{ControlsFile, Counted, Located, ScopeFile, take_item};
use super::stored::{Arena, List};
use super::{Duties, Owner, Text};

/// The fields of a layer, in the order the format declares them.
pub(super) const LAYER_FIELDS: &[&str] = &[
    "id",
    "name",
    "aliases",
    "keywords",
    "description",
    "scope",
    "remark",
    "owners",
    "notes",
    "caveats",
    "duties",
    "source",
    "see_also",
    "controls",
    "parts",
];

/// The fields of a part, in the order the format declares them.
pub(super) const ROW_FIELDS: &[&str] = &[
    "id",
    "name",
    "aliases",
    "keywords",
    "description",
    "remark",
    "owners",
    "notes",
    "caveats",
    "duties",
    "source",
    "see_also",
    "controls",
];

const DUTY_FIELDS: &[&str] = &["customer", "provider"];

/// Where drafts keep what is read of map entries and parts until their layer is built; emptied
/// once it is, so they hold one layer at a time (or, while layers wait for the sources and
/// models they cite, every waiting one).
#[derive(Default)]
pub(crate) struct Drafts<'t> {
    pub(super) owners: Vec<(Text<'t>, Owner)>,
    pub(super) notes: Vec<(Text<'t>, Text<'t>)>,
    pub(super) caveats: Vec<(Text<'t>, List<'t, Text<'t>>)>,
    pub(super) parts: Vec<RowDraft<'t>>,
    /// The items of the list being read.
    list: Vec<Text<'t>>,
}

impl Drafts<'_> {
    pub(super) fn clear(&mut self) {
        self.owners.clear();
        self.notes.clear();
        self.caveats.clear();
        self.parts.clear();
    }
}

/// A part, or a layer's own cells, as the file spells them.
pub(crate) struct RowDraft<'t> {
    pub(super) id: Located<'t>,
    pub(super) name: Text<'t>,
    pub(super) fields: RowFields<'t>,
}

/// A draft's fields but its id and name (which every draft has). A map is the range of its
/// entries in [`Drafts`]; `None` where the field is absent.
#[derive(Default)]
pub(crate) struct RowFields<'t> {
    pub(super) aliases: List<'t, Text<'t>>,
    pub(super) keywords: List<'t, Text<'t>>,
    pub(super) description: Option<Text<'t>>,
    pub(super) remark: Option<Text<'t>>,
    pub(super) owners: Option<Range<usize>>,
    pub(super) notes: Option<Range<usize>>,
    pub(super) caveats: Option<Range<usize>>,
    pub(super) duties: Option<Duties<'t>>,
    pub(super) source: Option<Text<'t>>,
    pub(super) see_also: List<'t, Text<'t>>,
    pub(super) controls: Vec<ControlsFile<'t>>,
}

/// A layer as the file spells it: its own fields in `row`, and its parts, a range of
/// [`Drafts::parts`].
pub(crate) struct LayerDraft<'t> {
    pub(super) row: RowDraft<'t>,
    pub(super) scope: ScopeFile,
    pub(super) parts: Option<Range<usize>>,
}

/// Reads one layer, or one part (`layer` false), into a draft.
pub(crate) struct LayerSeed<'b, 't> {
    pub(super) arena: &'t Arena,
    pub(super) drafts: &'b mut Drafts<'t>,
    pub(super) layer: bool,
}

impl<'de: 't, 't> DeserializeSeed<'de> for LayerSeed<'_, 't> {
    type Value = LayerDraft<'t>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        let (name, fields) = if self.layer {
            ("LayerFile", LAYER_FIELDS)
        } else {
            ("RowFile", ROW_FIELDS)
        };
        deserializer.deserialize_struct(name, fields, self)
    }
}

/// Which field a key names; `scope` and `parts` are a layer's.
struct Key {
    layer: bool,
}

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Field;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Field, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Field;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
        let key = match v {
            "id" => Field::Id,
            "name" => Field::Name,
            "aliases" => Field::Aliases,
            "keywords" => Field::Keywords,
            "description" => Field::Description,
            "scope" if self.layer => Field::Scope,
            "remark" => Field::Remark,
            "owners" => Field::Owners,
            "notes" => Field::Notes,
            "caveats" => Field::Caveats,
            "duties" => Field::Duties,
            "source" => Field::Source,
            "see_also" => Field::SeeAlso,
            "controls" => Field::Controls,
            "parts" if self.layer => Field::Parts,
            _ => {
                let fields = if self.layer { LAYER_FIELDS } else { ROW_FIELDS };
                return Err(E::unknown_field(v, fields));
            }
        };
        Ok(key)
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Field, E> {
        self.visit_str(&String::from_utf8_lossy(v))
    }
}

/// A field of a layer or part, numbered by its place in [`LAYER_FIELDS`].
#[derive(Clone, Copy)]
enum Field {
    Id,
    Name,
    Aliases,
    Keywords,
    Description,
    Scope,
    Remark,
    Owners,
    Notes,
    Caveats,
    Duties,
    Source,
    SeeAlso,
    Controls,
    Parts,
}

impl<'de: 't, 't> Visitor<'de> for LayerSeed<'_, 't> {
    type Value = LayerDraft<'t>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(if self.layer {
            "struct LayerFile"
        } else {
            "struct RowFile"
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let LayerSeed {
            arena,
            drafts,
            layer,
        } = self;
        let (mut id, mut name) = (None, None);
        let mut row = RowFields::default();
        let mut scope = ScopeFile::default();
        let mut parts = None;
        let mut seen = 0u32;
        let mut see = |key: Field| {
            let bit = 1 << key as u32;
            if seen & bit != 0 {
                return Err(de::Error::duplicate_field(LAYER_FIELDS[key as usize]));
            }
            seen |= bit;
            Ok(())
        };
        // A layer's maps and cells may be absent or null (`Option` in the format); a part's
        // are lists and maps, absent or given.
        while let Some(key) = map.next_key_seed(Key { layer })? {
            see(key)?;
            match key {
                Field::Id => id = Some(map.next_value::<Located<'t>>()?),
                Field::Name => name = Some(map.next_value_seed(TextSeed(arena))?),
                Field::Aliases => {
                    row.aliases = map.next_value_seed(ListSeed(arena, &mut drafts.list))?
                }
                Field::Keywords => {
                    row.keywords = map.next_value_seed(ListSeed(arena, &mut drafts.list))?;
                }
                Field::Description => {
                    row.description = map.next_value_seed(Maybe(TextSeed(arena)))?
                }
                Field::Scope => scope = map.next_value()?,
                Field::Remark => row.remark = map.next_value_seed(Maybe(TextSeed(arena)))?,
                Field::Owners => {
                    let seed = MapSeed {
                        arena,
                        entries: &mut drafts.owners,
                        value: OwnerValue,
                    };
                    row.owners = cell(&mut map, seed, layer)?;
                }
                Field::Notes => {
                    let seed = MapSeed {
                        arena,
                        entries: &mut drafts.notes,
                        value: NoteValue(arena),
                    };
                    row.notes = cell(&mut map, seed, layer)?;
                }
                Field::Caveats => {
                    let seed = MapSeed {
                        arena,
                        entries: &mut drafts.caveats,
                        value: CaveatValue(arena, &mut drafts.list),
                    };
                    row.caveats = cell(&mut map, seed, layer)?;
                }
                Field::Duties => {
                    row.duties = cell(&mut map, DutiesSeed(arena, &mut drafts.list), layer)?;
                }
                Field::Source => row.source = cell(&mut map, TextSeed(arena), layer)?,
                Field::SeeAlso => {
                    row.see_also = map.next_value_seed(ListSeed(arena, &mut drafts.list))?;
                }
                Field::Controls => row.controls = map.next_value::<Counted<ControlsFile<'t>>>()?.0,
                Field::Parts => {
                    parts = Some(map.next_value_seed(PartsSeed(arena, &mut *drafts))?);
                }
            }
        }
        // Missing fields, named in the order the format declares them, as serde's derive does.
        let Some(id) = id else {
            return Err(de::Error::missing_field("id"));
        };
        let Some(name) = name else {
            return Err(de::Error::missing_field("name"));
        };
        if !layer {
            if row.owners.is_none() {
                return Err(de::Error::missing_field("owners"));
            }
            if row.source.is_none() {
                return Err(de::Error::missing_field("source"));
            }
        }
        let row = RowDraft {
            id,
            name,
            fields: row,
        };
        Ok(LayerDraft { row, scope, parts })
    }
}

/// A cell's value: a layer's may be absent or null (`Option` in the format, `None` then); a
/// part's is given.
fn cell<'de, A: MapAccess<'de>, S: DeserializeSeed<'de>>(
    map: &mut A,
    seed: S,
    optional: bool,
) -> Result<Option<S::Value>, A::Error> {
    if optional {
        map.next_value_seed(Maybe(seed))
    } else {
        map.next_value_seed(seed).map(Some)
    }
}

/// Text: lent by the file where it spells it plainly, else kept in the arena.
struct TextSeed<'t>(&'t Arena);

impl<'de: 't, 't> DeserializeSeed<'de> for TextSeed<'t> {
    type Value = Text<'t>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Text<'t>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de: 't, 't> Visitor<'de> for TextSeed<'t> {
    type Value = Text<'t>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'t>, E> {
        Ok(Text::lent(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'t>, E> {
        Ok(self.0.text(v))
    }
}

/// A value that may be absent or null (`Option` in the format).
struct Maybe<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Maybe<S> {
    type Value = Option<S::Value>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Maybe<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("option")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(d).map(Some)
    }
}

/// A list of text, each item counted against the file's budget as it is read, then moved into
/// the arena whole.
struct ListSeed<'b, 't>(&'t Arena, &'b mut Vec<Text<'t>>);

impl<'de: 't, 't> DeserializeSeed<'de> for ListSeed<'_, 't> {
    type Value = List<'t, Text<'t>>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de: 't, 't> Visitor<'de> for ListSeed<'_, 't> {
    type Value = List<'t, Text<'t>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let ListSeed(arena, items) = self;
        items.clear();
        while let Some(item) = seq.next_element_seed(TextSeed(arena))? {
            take_item::<A::Error>()?;
            items.push(item);
        }
        Ok(arena.copy(items))
    }
}

/// A model map (`owners`, `notes`, `caveats`): its entries go to the drafts as they are read,
/// keys in file order; the value is their range there.
struct MapSeed<'b, 't, V: Value<'t>> {
    arena: &'t Arena,
    entries: &'b mut Vec<(Text<'t>, V::Out)>,
    value: V,
}

/// How a model map reads the value of an entry.
trait Value<'t> {
    type Out;
    fn read<'de: 't, A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<Self::Out, A::Error>;
}

/// An owner, for `owners`.
struct OwnerValue;

impl<'t> Value<'t> for OwnerValue {
    type Out = Owner;
    fn read<'de: 't, A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<Owner, A::Error> {
        map.next_value()
    }
}

/// Text, for `notes`.
struct NoteValue<'t>(&'t Arena);

impl<'t> Value<'t> for NoteValue<'t> {
    type Out = Text<'t>;
    fn read<'de: 't, A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<Text<'t>, A::Error> {
        map.next_value_seed(TextSeed(self.0))
    }
}

/// A list of text, for `caveats`.
struct CaveatValue<'b, 't>(&'t Arena, &'b mut Vec<Text<'t>>);

impl<'t> Value<'t> for CaveatValue<'_, 't> {
    type Out = List<'t, Text<'t>>;
    fn read<'de: 't, A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<Self::Out, A::Error> {
        map.next_value_seed(ListSeed(self.0, &mut *self.1))
    }
}

impl<'de: 't, 't, V: Value<'t>> DeserializeSeed<'de> for MapSeed<'_, 't, V> {
    type Value = Range<usize>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Range<usize>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de: 't, 't, V: Value<'t>> Visitor<'de> for MapSeed<'_, 't, V> {
    type Value = Range<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping from model id to value")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Range<usize>, A::Error> {
        let start = self.entries.len();
        while let Some(key) = map.next_key_seed(TextSeed(self.arena))? {
            let value = self.value.read(&mut map)?;
            self.entries.push((key, value));
        }
        Ok(start..self.entries.len())
    }
}

/// `duties`: `customer` and `provider`, each a list.
struct DutiesSeed<'b, 't>(&'t Arena, &'b mut Vec<Text<'t>>);

impl<'de: 't, 't> DeserializeSeed<'de> for DutiesSeed<'_, 't> {
    type Value = Duties<'t>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Duties<'t>, D::Error> {
        deserializer.deserialize_struct("DutiesFile", DUTY_FIELDS, self)
    }
}

impl<'de: 't, 't> Visitor<'de> for DutiesSeed<'_, 't> {
    type Value = Duties<'t>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("struct DutiesFile")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Duties<'t>, A::Error> {
        let DutiesSeed(arena, list) = self;
        let (mut customer, mut provider) = (None, None);
        while let Some(key) = map.next_key_seed(TextSeed(arena))? {
            let slot = match &*key {
                "customer" => &mut customer,
                "provider" => &mut provider,
                other => return Err(de::Error::unknown_field(other, DUTY_FIELDS)),
            };
            if slot.is_some() {
                return Err(de::Error::duplicate_field(if &*key == "customer" {
                    "customer"
                } else {
                    "provider"
                }));
            }
            *slot = Some(map.next_value_seed(ListSeed(arena, &mut *list))?);
        }
        Ok(Duties {
            customer: customer.unwrap_or_default(),
            provider: provider.unwrap_or_default(),
        })
    }
}

/// `parts`: each part read into a draft of its own, in [`Drafts::parts`]; the value is their
/// range.
struct PartsSeed<'b, 't>(&'t Arena, &'b mut Drafts<'t>);

impl<'de: 't, 't> DeserializeSeed<'de> for PartsSeed<'_, 't> {
    type Value = Range<usize>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Range<usize>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de: 't, 't> Visitor<'de> for PartsSeed<'_, 't> {
    type Value = Range<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Range<usize>, A::Error> {
        let PartsSeed(arena, drafts) = self;
        // A part holds no parts, so the parts of one layer are contiguous.
        let start = drafts.parts.len();
        loop {
            let seed = LayerSeed {
                arena,
                drafts: &mut *drafts,
                layer: false,
            };
            let Some(part) = seq.next_element_seed(seed)? else {
                break;
            };
            take_item::<A::Error>()?;
            drafts.parts.push(part.row);
        }
        Ok(start..drafts.parts.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fields_read_are_the_fields_the_schema_describes() {
        let schema: serde_json::Value =
            serde_json::from_str(&super::super::file::json_schema().unwrap()).unwrap();
        for (def, fields) in [
            ("LayerFile", LAYER_FIELDS),
            ("RowFile", ROW_FIELDS),
            ("DutiesFile", DUTY_FIELDS),
        ] {
            let properties = schema["$defs"][def]["properties"].as_object();
            let mut described: Vec<&str> = properties
                .into_iter()
                .flat_map(|p| p.keys())
                .map(String::as_str)
                .collect();
            let mut read = fields.to_vec();
            described.sort_unstable();
            read.sort_unstable();
            assert_eq!(read, described, "{def}");
        }
    }

    #[test]
    fn plain_text_stays_in_the_file_and_built_text_goes_to_the_arena() {
        let text = r#"{"id": "one", "name": "On\u0065", "aliases": ["uno"], "notes": {"a": "x\ty"}, "parts": []}"#;
        let arena = Arena::new();
        let mut drafts = Drafts::default();
        let seed = LayerSeed {
            arena: &arena,
            drafts: &mut drafts,
            layer: true,
        };
        let layer = seed
            .deserialize(&mut serde_json::Deserializer::from_str(text))
            .unwrap();
        let inside = |t: &str| text.as_bytes().as_ptr_range().contains(&t.as_ptr());
        assert_eq!(&*layer.row.name, "One");
        assert!(!inside(layer.row.name.as_str()));
        assert!(inside(layer.row.fields.aliases[0].as_str()));
        let (key, note) = drafts.notes[layer.row.fields.notes.clone().unwrap()][0];
        assert!(inside(key.as_str()));
        assert_eq!((&*note, inside(note.as_str())), ("x\ty", false));
        assert_eq!(layer.parts, Some(0..0));
    }
}
