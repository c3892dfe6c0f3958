//! The one description of a question's fields: [`QUESTION_FIELDS`].
//!
//! Everything that reads or writes a question by its fields follows this table, in its order:
//!
//! - the writer ([`crate::write::write_question`], [`crate::write::write_field`]) and the
//!   formatter ([`crate::format::format`]): key order ([`crate::write::QUESTION_KEYS`] is the
//!   keys of this table), flow or block lists, and the quoting of `source` ([`Style`]);
//! - the table model (`qbank_doc::table`): a column named after a field reads its cell through
//!   [`Field::access`], and a spreadsheet import writes it back the same way;
//! - the JSON export: a field marked [`Json::Added`] is written from [`Field::access`] (left out
//!   when empty), after the keys of the wire types of version 1;
//! - the Markdown export: [`Markdown::Fact`] fields go on the line of facts under a question's
//!   text, [`Markdown::List`] fields become lists after the rubric.
//!
//! What the schema accepts (`schema/question.schema.json`) is the other half: a test holds every
//! property of the schema to an entry here, and every entry to a property.
//!
//! Adding an optional field of text or of a list of texts is: its property in the schema, the
//! field on [`Question`], its entry here (with its accessors), and, for a spreadsheet column, a
//! `Column` in `qbank-doc/src/table.rs`.

use std::borrow::Cow;

use crate::model::Question;

/// How a field's value is laid out in a question file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// One scalar after the key, quoted only where YAML needs it ([`crate::write::scalar`]).
    Scalar,
    /// A number, written as it is.
    Number,
    /// One scalar, double-quoted where it needs quotes at all ([`crate::write::source_scalar`]).
    Source,
    /// A list on one line: `[mid, senior]`.
    FlowList,
    /// A list of one item per line, two spaces deep.
    BlockList,
    /// A mapping or a list of mappings, with the key order of its own (the rubric, `similar_to`,
    /// `allow`); the writer has code of its own for each.
    Nested,
}

/// A field's value as plain text, the way the table, the import and the later exports see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'q> {
    /// One value; `None` when the question leaves it out.
    Text(Option<Cow<'q, str>>),
    /// A list of values, possibly empty.
    List(Vec<Cow<'q, str>>),
}

impl Value<'_> {
    /// Whether the question leaves the field out (no value, or an empty list).
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Text(t) => t.is_none(),
            Value::List(items) => items.is_empty(),
        }
    }
}

/// How a field is read and written as plain text.
#[derive(Clone, Copy)]
pub enum Access {
    /// One text: read it, and (for a field of free text) set it (`None` leaves it out).
    Text {
        get: fn(&Question) -> Option<Cow<'_, str>>,
        set: Option<fn(&mut Question, Option<String>)>,
    },
    /// A list of texts: read it, and (for a list of free texts) set it.
    List {
        get: fn(&Question) -> Vec<Cow<'_, str>>,
        set: Option<fn(&mut Question, Vec<String>)>,
    },
    /// A structured value (the rubric, `similar_to`, `allow`): each reader has code of its own.
    Nested,
}

/// How the JSON export writes a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Json {
    /// By the wire types of `qbank-export/src/json.rs` (the fields of version 1, and those
    /// whose shape is more than text).
    Typed,
    /// From [`Field::access`]: a string or a list of strings, after the typed keys, left out
    /// when empty, so that the document of a bank that does not use it is unchanged.
    Added,
}

/// How the Markdown export shows a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markdown {
    /// Not shown.
    Hidden,
    /// By code of its own in `qbank-export/src/markdown.rs`.
    Typed,
    /// On the line of facts under the question's text, `*label:* a, b`, when it has a value.
    Fact(&'static str),
    /// A list under its label, after the rubric, when it has items.
    List(&'static str),
}

/// One top-level key of a question file.
#[derive(Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    /// Whether every question has it (the schema's `required`).
    pub required: bool,
    pub style: Style,
    pub access: Access,
    pub json: Json,
    pub markdown: Markdown,
}

impl Field {
    /// The value of the field of `q` as text; `None` for a [`Access::Nested`] field.
    pub fn value<'q>(&self, q: &'q Question) -> Option<Value<'q>> {
        match self.access {
            Access::Text { get, .. } => Some(Value::Text(get(q))),
            Access::List { get, .. } => Some(Value::List(get(q))),
            Access::Nested => None,
        }
    }

    /// Whether a plain text value can be set (see [`Field::set`]).
    pub fn settable(&self) -> bool {
        matches!(
            self.access,
            Access::Text { set: Some(_), .. } | Access::List { set: Some(_), .. }
        )
    }

    /// Sets the field of `q` from plain text: `value` for a text (empty leaves it out), `items`
    /// for a list. Returns false, changing nothing, when the field is not free text.
    pub fn set(&self, q: &mut Question, value: &str, items: Vec<String>) -> bool {
        match self.access {
            Access::Text { set: Some(set), .. } => {
                set(q, (!value.is_empty()).then(|| value.to_owned()));
                true
            }
            Access::List { set: Some(set), .. } => {
                set(q, items);
                true
            }
            _ => false,
        }
    }
}

impl std::fmt::Debug for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Field")
            .field("key", &self.key)
            .field("required", &self.required)
            .field("style", &self.style)
            .field("json", &self.json)
            .field("markdown", &self.markdown)
            .finish_non_exhaustive()
    }
}

fn text(s: &str) -> Option<Cow<'_, str>> {
    Some(Cow::Borrowed(s))
}

fn opt(s: &Option<String>) -> Option<Cow<'_, str>> {
    s.as_deref().map(Cow::Borrowed)
}

fn list(items: &[String]) -> Vec<Cow<'_, str>> {
    items.iter().map(|s| Cow::Borrowed(s.as_str())).collect()
}

const fn scalar(
    key: &'static str,
    get: fn(&Question) -> Option<Cow<'_, str>>,
    set: Option<fn(&mut Question, Option<String>)>,
) -> Field {
    Field {
        key,
        required: false,
        style: Style::Scalar,
        access: Access::Text { get, set },
        json: Json::Typed,
        markdown: Markdown::Typed,
    }
}

const fn items(
    key: &'static str,
    style: Style,
    get: fn(&Question) -> Vec<Cow<'_, str>>,
    set: Option<fn(&mut Question, Vec<String>)>,
) -> Field {
    Field {
        key,
        required: false,
        style,
        access: Access::List { get, set },
        json: Json::Typed,
        markdown: Markdown::Typed,
    }
}

const fn nested(key: &'static str) -> Field {
    Field {
        key,
        required: false,
        style: Style::Nested,
        access: Access::Nested,
        json: Json::Typed,
        markdown: Markdown::Typed,
    }
}

const fn hidden(field: Field) -> Field {
    Field {
        markdown: Markdown::Hidden,
        ..field
    }
}

const fn required(field: Field) -> Field {
    Field {
        required: true,
        ..field
    }
}

/// The top-level keys of a question file, in the order they are written.
pub const QUESTION_FIELDS: [Field; 16] = [
    required(scalar("id", |q| text(&q.id), None)),
    scalar("title", |q| opt(&q.title), Some(|q, v| q.title = v)),
    required(scalar("text", |q| text(&q.text), None)),
    required(scalar("topic", |q| text(&q.topic), None)),
    required(items(
        "levels",
        Style::FlowList,
        |q| q.levels.iter().map(|l| Cow::Borrowed(l.as_str())).collect(),
        None,
    )),
    required(scalar("kind", |q| text(q.kind.as_str()), None)),
    items(
        "competencies",
        Style::FlowList,
        |q| list(&q.competencies),
        Some(|q, v| q.competencies = v),
    ),
    Field {
        style: Style::Number,
        ..scalar("minutes", |q| q.minutes.map(|m| m.to_string().into()), None)
    },
    scalar("status", |q| text(q.status.as_str()), None),
    Field {
        style: Style::Source,
        ..hidden(scalar(
            "source",
            |q| opt(&q.source),
            Some(|q, v| q.source = v),
        ))
    },
    items(
        "tags",
        Style::FlowList,
        |q| list(&q.tags),
        Some(|q, v| q.tags = v),
    ),
    items(
        "follow_ups",
        Style::BlockList,
        |q| list(&q.follow_ups),
        Some(|q, v| q.follow_ups = v),
    ),
    nested("rubric"),
    hidden(nested("similar_to")),
    hidden(nested("allow")),
    hidden(scalar("reviewed", |q| opt(&q.reviewed), None)),
];

/// The field named `key`.
pub fn question_field(key: &str) -> Option<&'static Field> {
    QUESTION_FIELDS.iter().find(|f| f.key == key)
}

/// The keys of `fields`, in order (for the constant [`crate::write::QUESTION_KEYS`]).
pub const fn keys<const N: usize>(fields: &[Field; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = fields[i].key;
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The description and the schema name the same keys, and agree on which are required.
    #[test]
    fn the_description_matches_the_schema() {
        let schema: serde_json::Value =
            serde_json::from_str(qbank_schema::FileKind::Question.schema_text()).unwrap();
        let properties: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let described: Vec<&str> = QUESTION_FIELDS.iter().map(|f| f.key).collect();
        assert_eq!(
            described, properties,
            "schema/question.schema.json's properties, in the order of QUESTION_FIELDS"
        );
        let mut required: Vec<&str> = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        required.sort_unstable();
        let mut described: Vec<&str> = QUESTION_FIELDS
            .iter()
            .filter(|f| f.required)
            .map(|f| f.key)
            .collect();
        described.sort_unstable();
        assert_eq!(described, required);
        for f in QUESTION_FIELDS {
            let property = &schema["properties"][f.key];
            let is_array = property["type"] == "array";
            // An item is a mapping when it is an object, or may be one (`oneOf`).
            let item = &property["items"];
            let item = match item["$ref"].as_str() {
                Some(r) => &schema["$defs"][r.trim_start_matches("#/$defs/")],
                None => item,
            };
            let of_objects = item["type"] == "object"
                || item["oneOf"]
                    .as_array()
                    .is_some_and(|o| o.iter().any(|v| v["type"] == "object"));
            match f.style {
                Style::FlowList | Style::BlockList => {
                    assert!(is_array && !of_objects, "{} is a list of scalars", f.key)
                }
                Style::Nested => assert!(
                    property["type"] == "object" || of_objects,
                    "{} is a mapping or a list of mappings",
                    f.key
                ),
                Style::Scalar | Style::Number | Style::Source => {
                    assert!(!is_array, "{} is a scalar", f.key)
                }
            }
        }
    }

    #[test]
    fn free_text_fields_read_back_what_they_set() {
        let mut q = Question::new("a");
        for f in QUESTION_FIELDS.iter().filter(|f| f.settable()) {
            assert!(f.set(&mut q, "x y", vec!["x".into(), "y".into()]));
            let want = match f.access {
                Access::Text { .. } => Value::Text(Some("x y".into())),
                _ => Value::List(vec!["x".into(), "y".into()]),
            };
            assert_eq!(f.value(&q), Some(want), "{}", f.key);
        }
    }
}
