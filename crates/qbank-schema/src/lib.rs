//! The JSON Schemas (draft 2020-12) of qbank's kinds of file, embedded in the binary, and
//! their validation.
//!
//! [`validate`] takes a JSON value and returns every [`Violation`], each with the JSON pointer of
//! the node it is about and a message written for the person who edits the YAML (`unknown field
//! "folow_ups"`, with `did you mean "follow_ups"?`), not the validator's default text. It knows
//! nothing about files or positions: `qbank-core` maps the pointers back to lines and columns.
//!
//! ```
//! use qbank_schema::{validate, FileKind};
//! let value = serde_json::json!({
//!     "id": "a-question", "text": "Why?", "topic": "t", "levels": ["mid"],
//!     "kind": "concept", "folow_ups": []
//! });
//! let v = validate(FileKind::Question, &value);
//! assert_eq!(v[0].message, "unknown field \"folow_ups\"");
//! assert_eq!(v[0].help.as_deref(), Some("did you mean \"follow_ups\"?"));
//! ```

use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::Validator;
use serde_json::Value;

/// The question schema, as shipped in `schema/question.schema.json`.
pub const QUESTION_SCHEMA: &str = include_str!("../../../schema/question.schema.json");
/// The topics schema, as shipped in `schema/topics.schema.json`.
pub const TOPICS_SCHEMA: &str = include_str!("../../../schema/topics.schema.json");
/// The kit schema, as shipped in `schema/kit.schema.json`.
pub const KIT_SCHEMA: &str = include_str!("../../../schema/kit.schema.json");
/// The loop schema, as shipped in `schema/loop.schema.json`.
pub const LOOP_SCHEMA: &str = include_str!("../../../schema/loop.schema.json");
/// The competencies schema, as shipped in `schema/competencies.schema.json`.
pub const COMPETENCIES_SCHEMA: &str = include_str!("../../../schema/competencies.schema.json");

/// Which schema a file is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    Question,
    Topics,
    Kit,
    Loop,
    /// `competencies.yaml` at the bank's root.
    Competencies,
}

impl FileKind {
    /// The schema's file name, for the `yaml-language-server` modeline.
    pub fn schema_file(self) -> &'static str {
        match self {
            FileKind::Question => "question.schema.json",
            FileKind::Topics => "topics.schema.json",
            FileKind::Kit => "kit.schema.json",
            FileKind::Loop => "loop.schema.json",
            FileKind::Competencies => "competencies.schema.json",
        }
    }

    /// The schema text.
    pub fn schema_text(self) -> &'static str {
        match self {
            FileKind::Question => QUESTION_SCHEMA,
            FileKind::Topics => TOPICS_SCHEMA,
            FileKind::Kit => KIT_SCHEMA,
            FileKind::Loop => LOOP_SCHEMA,
            FileKind::Competencies => COMPETENCIES_SCHEMA,
        }
    }

    fn compiled(self) -> &'static Compiled {
        static QUESTION: LazyLock<Compiled> = LazyLock::new(|| Compiled::new(QUESTION_SCHEMA));
        static TOPICS: LazyLock<Compiled> = LazyLock::new(|| Compiled::new(TOPICS_SCHEMA));
        static KIT: LazyLock<Compiled> = LazyLock::new(|| Compiled::new(KIT_SCHEMA));
        static LOOP: LazyLock<Compiled> = LazyLock::new(|| Compiled::new(LOOP_SCHEMA));
        static COMPETENCIES: LazyLock<Compiled> =
            LazyLock::new(|| Compiled::new(COMPETENCIES_SCHEMA));
        match self {
            FileKind::Question => &QUESTION,
            FileKind::Topics => &TOPICS,
            FileKind::Kit => &KIT,
            FileKind::Loop => &LOOP,
            FileKind::Competencies => &COMPETENCIES,
        }
    }
}

struct Compiled {
    schema: Value,
    validator: Validator,
}

impl Compiled {
    fn new(text: &str) -> Compiled {
        // The schemas are part of the program: a broken one is a bug caught by the tests.
        let schema: Value = serde_json::from_str(text).expect("embedded schema is JSON");
        let validator = jsonschema::draft202012::new(&schema).expect("embedded schema compiles");
        Compiled { schema, validator }
    }
}

/// Which part of a node a violation points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The value (a wrong type, a bad enum value).
    Value,
    /// The key of a mapping entry (an unknown field).
    Key,
    /// Where the node starts (a mapping that misses a field).
    Start,
}

/// One way a value breaks its schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON pointer of the node the violation is about.
    pub pointer: String,
    /// Which part of that node to point at.
    pub anchor: Anchor,
    /// What is wrong, for a person: lowercase, no trailing period.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
}

/// Checks `value` against the schema of `kind`, returning every violation in document order
/// of their pointers (callers sort by position).
pub fn validate(kind: FileKind, value: &Value) -> Vec<Violation> {
    let compiled = kind.compiled();
    // The schema checks a date's shape; the calendar, whether the day exists.
    let mut out: Vec<Violation> = match value.get("reviewed").and_then(Value::as_str) {
        Some(date)
            if kind == FileKind::Question && is_date_shaped(date) && !is_calendar_date(date) =>
        {
            vec![Violation {
                pointer: "/reviewed".to_owned(),
                anchor: Anchor::Value,
                message: format!("\"reviewed\": {date} is not a day of the calendar"),
                help: Some("write the day of the last review as YYYY-MM-DD".to_owned()),
            }]
        }
        _ => Vec::new(),
    };
    if compiled.validator.is_valid(value) {
        return out;
    }
    for error in compiled.validator.iter_errors(value) {
        let pointer = error.instance_path().as_str().to_owned();
        let schema_path = error.schema_path().as_str().to_owned();
        describe(
            &compiled.schema,
            &pointer,
            &schema_path,
            error.kind(),
            value,
            &mut out,
        );
    }
    out.sort_by(|a, b| a.pointer.cmp(&b.pointer).then(a.message.cmp(&b.message)));
    out.dedup();
    out
}

fn describe(
    schema: &Value,
    pointer: &str,
    schema_path: &str,
    kind: &ValidationErrorKind,
    root: &Value,
    out: &mut Vec<Violation>,
) {
    let instance = root.pointer(pointer).unwrap_or(&Value::Null);
    let field = field_name(pointer);
    // For an item of a list, name the list: "a value in \"levels\"".
    let list = pointer
        .rsplit_once('/')
        .filter(|_| !field.is_empty() && field.bytes().all(|b| b.is_ascii_digit()))
        .map(|(parent, _)| field_name(parent));
    let mut push = |pointer: String, at_key: bool, message: String, help: Option<String>| {
        let anchor = if at_key {
            Anchor::Key
        } else if matches!(kind, ValidationErrorKind::Required { .. }) {
            Anchor::Start
        } else {
            Anchor::Value
        };
        out.push(Violation {
            pointer,
            anchor,
            message,
            help,
        })
    };
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed = allowed_properties(schema, schema_path);
            for key in unexpected {
                if allowed == ["1", "2", "3", "4"] {
                    push(
                        format!("{pointer}/{}", escape(key)),
                        true,
                        format!("unknown anchor point \"{key}\""),
                        Some("the scale's points are 1, 2, 3 and 4".to_owned()),
                    );
                    continue;
                }
                let help = match closest(key, &allowed) {
                    Some(best) => format!("did you mean \"{best}\"?"),
                    None => format!("{} allows: {}", where_(&field), allowed.join(", ")),
                };
                push(
                    format!("{pointer}/{}", escape(key)),
                    true,
                    format!("unknown field \"{key}\""),
                    Some(help),
                );
            }
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            push(
                pointer.to_owned(),
                false,
                format!("missing required field \"{name}\"{}", in_(&field)),
                Some(required_help(name)),
            );
        }
        ValidationErrorKind::Enum { options } => {
            let options: Vec<String> = options
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|o| o.as_str().unwrap_or("?").to_owned())
                        .collect()
                })
                .unwrap_or_default();
            let shown = show(instance);
            let help = match instance.as_str().and_then(|s| closest(s, &options)) {
                Some(best) => format!("did you mean \"{best}\"?"),
                None => format!("use one of: {}", options.join(", ")),
            };
            push(
                pointer.to_owned(),
                false,
                format!(
                    "{shown} is not an allowed {}: expected one of {}",
                    match &list {
                        Some(l) => format!("value in \"{l}\""),
                        None => field_noun(&field),
                    },
                    options.join(", ")
                ),
                Some(help),
            );
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => article(&t.to_string()),
                TypeKind::Multiple(set) => {
                    let names: Vec<String> = set.iter().map(|t| article(&t.to_string())).collect();
                    names.join(" or ")
                }
            };
            let help = match instance {
                Value::Bool(_) | Value::Number(_) | Value::Null if expected.contains("string") => {
                    Some("put the value in quotes to make it text".to_owned())
                }
                Value::String(_) if expected.contains("array") => {
                    Some(format!("write a list: {field}: [{}]", show_plain(instance)))
                }
                _ => None,
            };
            push(
                pointer.to_owned(),
                false,
                format!(
                    "{} must be {expected}, found {}",
                    subject(&field),
                    describe_value(instance)
                ),
                help,
            );
        }
        ValidationErrorKind::Pattern { pattern } => {
            let (message, help) = if pattern.contains("[a-z0-9]+(-[a-z0-9]+)*") {
                (
                    format!("{} is not a kebab-case id", show(instance)),
                    Some(format!(
                        "use lowercase letters, digits and single hyphens, for example \"{}\"",
                        kebab(instance.as_str().unwrap_or_default())
                    )),
                )
            } else if pattern.contains("[^\\r\\n]") {
                (
                    format!("{} must be on one line", subject(&field)),
                    Some("remove the line break".to_owned()),
                )
            } else if pattern.contains("[0-9]{4}-") {
                (
                    format!("{} is not a date", show(instance)),
                    Some("write the date as YYYY-MM-DD".to_owned()),
                )
            } else {
                (
                    format!("{} does not match the pattern {pattern}", show(instance)),
                    None,
                )
            };
            push(pointer.to_owned(), false, message, help);
        }
        ValidationErrorKind::MinItems { limit } => push(
            pointer.to_owned(),
            false,
            format!(
                "{} needs at least {limit} item{}",
                subject(&field),
                plural(*limit)
            ),
            None,
        ),
        ValidationErrorKind::MaxItems { limit } => push(
            pointer.to_owned(),
            false,
            format!(
                "{} has more than {limit} item{}",
                subject(&field),
                plural(*limit)
            ),
            None,
        ),
        ValidationErrorKind::MinProperties { .. } => push(
            pointer.to_owned(),
            false,
            format!("{} is empty", subject(&field)),
            Some(if field == "anchors" {
                "give what an answer at 1, 2, 3 and 4 sounds like, or remove it".to_owned()
            } else if pointer.starts_with("/rubric/levels/") {
                format!("give `expect:` (what meets the bar at {field}) or remove it")
            } else {
                "fill it in or remove it".to_owned()
            }),
        ),
        ValidationErrorKind::MinLength { .. } => push(
            pointer.to_owned(),
            false,
            format!("{} is empty", subject(&field)),
            None,
        ),
        ValidationErrorKind::MaxLength { limit } => push(
            pointer.to_owned(),
            false,
            format!(
                "{} is longer than {limit} characters ({})",
                subject(&field),
                instance.as_str().map_or(0, |s| s.chars().count())
            ),
            None,
        ),
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => push(
            pointer.to_owned(),
            false,
            format!(
                "{} must be at least {limit}, found {instance}",
                subject(&field)
            ),
            None,
        ),
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => push(
            pointer.to_owned(),
            false,
            format!(
                "{} must be at most {limit}, found {instance}",
                subject(&field)
            ),
            None,
        ),
        ValidationErrorKind::UniqueItems => {
            let dup = instance.as_array().and_then(|items| {
                items
                    .iter()
                    .enumerate()
                    .find(|(i, a)| items[..*i].contains(a))
                    .map(|(i, a)| (i, a.clone()))
            });
            match dup {
                Some((i, item)) => push(
                    format!("{pointer}/{i}"),
                    false,
                    format!("{} lists {} twice", subject(&field), show(&item)),
                    None,
                ),
                None => push(
                    pointer.to_owned(),
                    false,
                    format!("{} lists an item twice", subject(&field)),
                    None,
                ),
            }
        }
        ValidationErrorKind::OneOfNotValid { .. } | ValidationErrorKind::AnyOf { .. } => {
            let message = if pointer.contains("/similar_to/") {
                "each similar_to entry must be a question id or {id, reason}".to_owned()
            } else {
                format!("{} has none of the allowed forms", subject(&field))
            };
            push(pointer.to_owned(), false, message, None);
        }
        other => push(
            pointer.to_owned(),
            false,
            format!("{} is not valid: {}", subject(&field), other.keyword()),
            None,
        ),
    }
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn field_name(pointer: &str) -> String {
    let last = pointer.rsplit('/').next().unwrap_or_default();
    last.replace("~1", "/").replace("~0", "~")
}

/// "field \"x\"" or "item 3 of \"x\"" or "the file".
fn subject(field: &str) -> String {
    if field.is_empty() {
        "the file".to_owned()
    } else if field.bytes().all(|b| b.is_ascii_digit()) {
        "this item".to_owned()
    } else {
        format!("\"{field}\"")
    }
}

fn field_noun(field: &str) -> String {
    if field.is_empty() || field.bytes().all(|b| b.is_ascii_digit()) {
        "value".to_owned()
    } else {
        format!("value for \"{field}\"")
    }
}

fn in_(field: &str) -> String {
    if field.is_empty() || field.bytes().all(|b| b.is_ascii_digit()) {
        String::new()
    } else {
        format!(" in \"{field}\"")
    }
}

fn where_(field: &str) -> String {
    if field.is_empty() {
        "this file".to_owned()
    } else {
        subject(field)
    }
}

fn required_help(name: &str) -> String {
    match name {
        "id" => "add `id:` with the file name without .yaml".to_owned(),
        "text" => "add `text:` with the question as the interviewer asks it".to_owned(),
        "topic" => "add `topic:` with the id of a topic from topics.yaml".to_owned(),
        "levels" => "add `levels:`, for example [mid, senior]".to_owned(),
        "kind" => "add `kind:` (concept, experience, tooling, scenario or behavioral)".to_owned(),
        _ => format!("add `{name}:`"),
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn article(t: &str) -> String {
    match t {
        "array" => "a list".to_owned(),
        "object" => "a mapping".to_owned(),
        "integer" => "a whole number".to_owned(),
        "number" => "a number".to_owned(),
        "string" => "a string".to_owned(),
        "boolean" => "true or false".to_owned(),
        "null" => "empty".to_owned(),
        other => other.to_owned(),
    }
}

fn describe_value(v: &Value) -> String {
    match v {
        Value::Null => "nothing".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {}", show(&Value::String(s.clone()))),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a mapping".to_owned(),
    }
}

fn show(v: &Value) -> String {
    match v {
        Value::String(s) => {
            let short: String = s.chars().take(60).collect();
            if short.len() < s.len() {
                format!("\"{short}…\"")
            } else {
                format!("\"{short}\"")
            }
        }
        other => {
            let s = other.to_string();
            if s.chars().count() > 60 {
                s.chars().take(60).collect::<String>() + "…"
            } else {
                s
            }
        }
    }
}

fn show_plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `s` with its first character in upper case.
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A kebab-case suggestion for an id that is not one.
pub fn kebab(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let mut last_dash = true;
    // Accented letters lose their accents ("é" is "e" and a combining accent, which is
    // dropped), and a few letters without a decomposition are spelled out in ASCII.
    let folded = s
        .nfkd()
        .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
        .flat_map(|c| {
            let spelled = match c {
                'ß' => "ss",
                'æ' | 'Æ' => "ae",
                'œ' | 'Œ' => "oe",
                'ø' | 'Ø' => "o",
                'ł' | 'Ł' => "l",
                'đ' | 'Đ' | 'ð' | 'Ð' => "d",
                'þ' | 'Þ' => "th",
                'ı' => "i",
                _ => "",
            };
            let one = spelled.is_empty().then_some(c);
            spelled.chars().chain(one)
        });
    for c in folded.flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
            last_dash = false;
        } else if !last_dash {
            out.push('-');
            last_dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "my-question".to_owned()
    } else {
        out
    }
}

/// Whether `s` has the shape of a date, `YYYY-MM-DD` (what the schema's pattern asks).
fn is_date_shaped(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Whether `s` is a `YYYY-MM-DD` day that exists in the Gregorian calendar: no month 13, no
/// 30 February, 29 February in leap years only.
pub fn is_calendar_date(s: &str) -> bool {
    if !is_date_shaped(s) {
        return false;
    }
    let number = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (y, m, d) = (number(0..4), number(5..7), number(8..10));
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// The property names allowed where an `additionalProperties` error was raised.
fn allowed_properties(schema: &Value, schema_path: &str) -> Vec<String> {
    let object_path = schema_path
        .strip_suffix("/additionalProperties")
        .unwrap_or(schema_path);
    let node = resolve_schema_path(schema, object_path);
    let mut names: Vec<String> = node
        .and_then(|n| n.get("properties"))
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    names.sort();
    names
}

/// Follows a schema path such as `/properties/rubric/additionalProperties` through `$ref`s.
fn resolve_schema_path<'s>(schema: &'s Value, path: &str) -> Option<&'s Value> {
    let mut node = schema;
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if segment == "$ref" {
            let target = node.get("$ref")?.as_str()?.strip_prefix('#')?;
            node = schema.pointer(target)?;
            continue;
        }
        let segment = segment.replace("~1", "/").replace("~0", "~");
        node = match node {
            Value::Object(m) => m.get(&segment)?,
            Value::Array(a) => a.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
pub fn closest<'c>(word: &str, candidates: &'c [String]) -> Option<&'c str> {
    let word_l = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (levenshtein(&word_l, &c.to_lowercase()), c))
        .filter(|(d, c)| *d > 0 || c.as_str() != word)
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(1))
        .min_by_key(|(d, c)| (*d, c.len()))
        .map(|(_, c)| c.as_str())
}

/// Edit distance with insertions, deletions, substitutions and adjacent transpositions.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len() > 200 || b.len() > 200 {
        return usize::MAX / 2;
    }
    let mut prev2 = vec![0usize; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0usize; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates_are_days_that_exist() {
        for date in ["2026-01-31", "2024-02-29", "2000-02-29", "2026-12-31"] {
            assert!(is_calendar_date(date), "{date}");
        }
        for date in [
            "2025-13-45",
            "2025-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026-00-10",
            "9999-99-99",
            "2026-1-01",
        ] {
            assert!(!is_calendar_date(date), "{date}");
        }
        let question = serde_json::json!({
            "id": "q", "text": "What?", "topic": "t", "levels": ["mid"], "kind": "concept",
            "reviewed": "2025-13-45"
        });
        let violations = validate(FileKind::Question, &question);
        assert_eq!(violations.len(), 1, "{violations:?}");
        assert_eq!(violations[0].pointer, "/reviewed");
        assert_eq!(
            violations[0].message,
            "\"reviewed\": 2025-13-45 is not a day of the calendar"
        );
    }

    #[test]
    fn ids_fold_accents_to_ascii() {
        assert_eq!(
            kebab("Über naïve café résumé: what do you do?"),
            "uber-naive-cafe-resume-what-do-you-do"
        );
        assert_eq!(
            kebab("Straße, Œuvre, Łódź and Ærø"),
            "strasse-oeuvre-lodz-and-aero"
        );
        assert_eq!(kebab("ﬁle ①"), "file-1");
        assert_eq!(kebab("日本語"), "my-question");
    }
    use serde_json::json;

    fn q() -> Value {
        json!({"id": "a-b", "text": "Why?", "topic": "t", "levels": ["mid"], "kind": "concept"})
    }

    #[test]
    fn schemas_compile() {
        for kind in [
            FileKind::Question,
            FileKind::Topics,
            FileKind::Kit,
            FileKind::Loop,
            FileKind::Competencies,
        ] {
            assert!(!validate(kind, &json!({})).is_empty());
        }
        assert!(validate(FileKind::Question, &q()).is_empty());
    }

    #[test]
    fn messages_for_people() {
        let mut v = q();
        v["levels"] = json!(["medium", "mid"]);
        v["kind"] = json!(5);
        v["id"] = json!("Data_Drift");
        v["text"] = json!(true);
        v["rubric"] = json!({"strong": ["x"], "redflags": ["y"]});
        v.as_object_mut().unwrap().remove("topic");
        let got: Vec<String> = validate(FileKind::Question, &v)
            .into_iter()
            .map(|v| format!("{} | {} | {:?}", v.pointer, v.message, v.help))
            .collect();
        insta::assert_snapshot!(got.join("\n"));
    }

    #[test]
    fn closest_finds_typos_only() {
        let c: Vec<String> = ["follow_ups", "topic", "text"].map(String::from).to_vec();
        assert_eq!(closest("folow_ups", &c), Some("follow_ups"));
        assert_eq!(closest("tpoic", &c), Some("topic"));
        assert_eq!(closest("banana", &c), None);
    }
}
