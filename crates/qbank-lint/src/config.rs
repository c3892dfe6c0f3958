//! `qbank.toml`: how a project configures its lint rules.
//!
//! ```toml
//! [lint]
//! deny-warnings = false          # exit 1 on warnings too
//!
//! [rules]
//! closed-question = "off"        # "error", "warning", "info" or "off"
//!
//! [rules.text-length]            # a rule's settings, and optionally its severity
//! severity = "warning"
//! max = 400
//!
//! [model]                        # the sentence-embedding model for near duplicates
//! dir = "models/all-MiniLM-L6-v2" # a local copy, relative to this file
//! enabled = true                 # false: compare questions by their words only
//! ```
//!
//! Parsing is pure: the CLI finds and reads the file and passes its text here. Every mistake
//! (an unknown rule, an unknown key, a value of the wrong type) is an [`Error`] with the line
//! and column, and a did-you-mean where there is a close name.

use std::ops::Range;

use qbank_core::yaml::LineIndex;
use qbank_core::Severity;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::rule::{OptionDefault, OptionValue, Rule};
use crate::{Error, Settings, RULES};

/// The name qbank looks for, from the bank folder up to the repository root.
pub const CONFIG_FILE: &str = "qbank.toml";

/// What qbank.toml sets.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Severities (or off) and rule options.
    pub settings: Settings,
    /// `[lint] deny-warnings`, when set.
    pub deny_warnings: Option<bool>,
    /// `[model] dir`: a folder with the sentence-embedding model, as written (relative paths
    /// are relative to the file).
    pub model_dir: Option<String>,
    /// `[model] enabled`: `false` turns the model off, even where one is found.
    pub model_enabled: Option<bool>,
    /// `[model] name`: a model qbank knows by name, used from where `qbank model fetch
    /// --model NAME` puts it. Which names are known is the caller's to check
    /// ([`ModelName::unknown`]).
    pub model_name: Option<ModelName>,
}

/// `[model] name` as written, with its place for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelName {
    pub name: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
}

impl ModelName {
    /// The error for a name that is none of `known`, at the name's place.
    pub fn unknown(&self, known: &[&str]) -> Error {
        let known: Vec<String> = known.iter().map(|s| (*s).to_owned()).collect();
        let help = match qbank_core::closest(&self.name, &known) {
            Some(best) => format!("did you mean \"{best}\"?"),
            None => format!("expected one of: {}", known.join(", ")),
        };
        Error::Config {
            file: self.file.clone(),
            line: self.line,
            column: self.column,
            message: format!("[model] name \"{}\" is not a model qbank knows", self.name),
            help: Some(help),
        }
    }
}

const LINT_KEYS: &[&str] = &["deny-warnings"];
const MODEL_KEYS: &[&str] = &["dir", "enabled", "name"];
const SEVERITIES: &[&str] = &["error", "warning", "info", "off"];

struct Reader<'t> {
    text: &'t str,
    file: &'t str,
    lines: LineIndex,
}

impl Reader<'_> {
    fn error(&self, span: Range<usize>, message: String, help: Option<String>) -> Error {
        let pos = self.lines.position_of_offset(self.text, span.start);
        Error::Config {
            file: self.file.to_owned(),
            line: pos.line,
            column: pos.column,
            message,
            help,
        }
    }

    /// `message` names what is unknown; `known` are the names that would have been right.
    fn unknown(
        &self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        message: String,
        known: &[&str],
    ) -> Error {
        let known: Vec<String> = known.iter().map(|s| (*s).to_owned()).collect();
        let help = match qbank_core::closest(key.get_ref(), &known) {
            Some(best) => format!("did you mean \"{best}\"?"),
            None => format!("expected one of: {}", known.join(", ")),
        };
        self.error(key.span(), message, Some(help))
    }

    fn severity(
        &self,
        rule: &str,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<Option<Severity>, Error> {
        let text = value.get_ref().as_str();
        match text {
            Some("off") => Ok(None),
            Some(s) if Severity::parse(s).is_some() => Ok(Severity::parse(s)),
            _ => Err(self.error(
                value.span(),
                format!("the severity of \"{rule}\" must be one of \"error\", \"warning\", \"info\" or \"off\""),
                text.and_then(|t| {
                    let known: Vec<String> = SEVERITIES.iter().map(|s| (*s).to_owned()).collect();
                    qbank_core::closest(t, &known).map(|b| format!("did you mean \"{b}\"?"))
                }),
            )),
        }
    }
}

/// Items of a table in the order they are written (the map itself is sorted by key).
fn in_order<'a, 't>(
    table: &'a DeTable<'t>,
) -> Vec<(
    &'a Spanned<std::borrow::Cow<'t, str>>,
    &'a Spanned<DeValue<'t>>,
)> {
    let mut items: Vec<_> = table.iter().collect();
    items.sort_by_key(|(k, _)| k.span().start);
    items
}

/// Parses the text of a qbank.toml; `file` is its path as shown in messages.
pub fn parse_config(text: &str, file: &str) -> Result<Config, Error> {
    let reader = Reader {
        text,
        file,
        lines: LineIndex::new(text),
    };
    let root = DeTable::parse(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        reader.error(
            span,
            format!("invalid TOML: {}", e.message().trim_end()),
            None,
        )
    })?;
    let mut config = Config::default();
    for (key, value) in in_order(root.get_ref()) {
        match key.get_ref().as_ref() {
            "lint" => read_lint(&reader, value, &mut config)?,
            "rules" => read_rules(&reader, value, &mut config.settings)?,
            "model" => read_model(&reader, value, &mut config)?,
            _ => {
                return Err(reader.unknown(
                    key,
                    format!("unknown section [{}]", key.get_ref()),
                    &["lint", "rules", "model"],
                ))
            }
        }
    }
    Ok(config)
}

fn table<'a, 't>(
    reader: &Reader<'_>,
    name: &str,
    value: &'a Spanned<DeValue<'t>>,
) -> Result<&'a DeTable<'t>, Error> {
    value.get_ref().as_table().ok_or_else(|| {
        reader.error(
            value.span(),
            format!(
                "`{name}` must be a table, not {}",
                value.get_ref().type_str()
            ),
            Some(format!("write it as a section: [{name}]")),
        )
    })
}

fn read_lint(
    reader: &Reader<'_>,
    value: &Spanned<DeValue<'_>>,
    config: &mut Config,
) -> Result<(), Error> {
    for (key, value) in in_order(table(reader, "lint", value)?) {
        match key.get_ref().as_ref() {
            "deny-warnings" => {
                let b = value.get_ref().as_bool().ok_or_else(|| {
                    reader.error(
                        value.span(),
                        "`deny-warnings` must be true or false".to_owned(),
                        None,
                    )
                })?;
                config.deny_warnings = Some(b);
            }
            _ => {
                return Err(reader.unknown(
                    key,
                    format!("[lint] has no setting \"{}\"", key.get_ref()),
                    LINT_KEYS,
                ))
            }
        }
    }
    Ok(())
}

fn read_model(
    reader: &Reader<'_>,
    value: &Spanned<DeValue<'_>>,
    config: &mut Config,
) -> Result<(), Error> {
    for (key, value) in in_order(table(reader, "model", value)?) {
        match key.get_ref().as_ref() {
            "dir" => match value.get_ref().as_str() {
                Some(dir) if !dir.trim().is_empty() => config.model_dir = Some(dir.to_owned()),
                _ => {
                    return Err(reader.error(
                        value.span(),
                        "`dir` must be the path of a folder, as a string".to_owned(),
                        None,
                    ))
                }
            },
            "name" => match value.get_ref().as_str() {
                Some(name) if !name.trim().is_empty() => {
                    let pos = reader
                        .lines
                        .position_of_offset(reader.text, value.span().start);
                    config.model_name = Some(ModelName {
                        name: name.trim().to_owned(),
                        file: reader.file.to_owned(),
                        line: pos.line,
                        column: pos.column,
                    });
                }
                _ => {
                    return Err(reader.error(
                        value.span(),
                        "`name` must be the name of a model, as a string".to_owned(),
                        None,
                    ))
                }
            },
            "enabled" => {
                let b = value.get_ref().as_bool().ok_or_else(|| {
                    reader.error(
                        value.span(),
                        "`enabled` must be true or false".to_owned(),
                        None,
                    )
                })?;
                config.model_enabled = Some(b);
            }
            _ => {
                return Err(reader.unknown(
                    key,
                    format!("[model] has no setting \"{}\"", key.get_ref()),
                    MODEL_KEYS,
                ))
            }
        }
    }
    Ok(())
}

fn read_rules(
    reader: &Reader<'_>,
    value: &Spanned<DeValue<'_>>,
    settings: &mut Settings,
) -> Result<(), Error> {
    let names: Vec<&str> = RULES.iter().map(|r| r.name()).collect();
    for (key, value) in in_order(table(reader, "rules", value)?) {
        let Some(rule) = crate::rule(key.get_ref()) else {
            return Err(reader.unknown(key, format!("unknown rule \"{}\"", key.get_ref()), &names));
        };
        match value.get_ref() {
            DeValue::String(_) => {
                let severity = reader.severity(rule.name(), value)?;
                settings.severity.insert(rule.name().to_owned(), severity);
            }
            DeValue::Table(t) => read_rule_table(reader, rule, t, settings)?,
            other => {
                return Err(reader.error(
                    value.span(),
                    format!(
                        "`{}` must be a severity (\"error\", \"warning\", \"info\" or \"off\") or a table of settings, not {}",
                        rule.name(),
                        other.type_str()
                    ),
                    None,
                ))
            }
        }
    }
    Ok(())
}

fn read_rule_table(
    reader: &Reader<'_>,
    rule: &dyn Rule,
    table: &DeTable<'_>,
    settings: &mut Settings,
) -> Result<(), Error> {
    for (key, value) in in_order(table) {
        let name = key.get_ref().as_ref();
        if name == "severity" {
            let severity = reader.severity(rule.name(), value)?;
            settings.severity.insert(rule.name().to_owned(), severity);
            continue;
        }
        let Some(option) = rule.options().iter().find(|o| o.name == name) else {
            let mut known: Vec<&str> = vec!["severity"];
            known.extend(rule.options().iter().map(|o| o.name));
            return Err(reader.unknown(
                key,
                format!("rule \"{}\" has no setting \"{name}\"", rule.name()),
                &known,
            ));
        };
        let wrong = || {
            reader.error(
                value.span(),
                format!(
                    "`{name}` of rule \"{}\" must be {}",
                    rule.name(),
                    option.default.type_name()
                ),
                Some(format!(
                    "the default is {name} = {}",
                    option.default.to_toml()
                )),
            )
        };
        let parsed = match (option.default, value.get_ref()) {
            (OptionDefault::Integer(_), DeValue::Integer(i)) => {
                let n = u64::from_str_radix(i.as_str(), i.radix()).map_err(|_| wrong())?;
                OptionValue::Integer(n)
            }
            (OptionDefault::Words(_), DeValue::Array(items)) => {
                let mut words = Vec::new();
                for item in items.iter() {
                    match item.get_ref().as_str() {
                        Some(w) => words.push(w.to_owned()),
                        None => return Err(wrong()),
                    }
                }
                OptionValue::Words(words)
            }
            _ => return Err(wrong()),
        };
        settings
            .options
            .insert((rule.name().to_owned(), name.to_owned()), parsed);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse_config(text, "qbank.toml").unwrap_err().to_string()
    }

    #[test]
    fn reads_the_model_section() {
        let c = parse_config(
            "[model]\ndir = \"models/minilm\"\nenabled = false\n",
            "qbank.toml",
        )
        .unwrap();
        assert_eq!(c.model_dir.as_deref(), Some("models/minilm"));
        assert_eq!(c.model_enabled, Some(false));
        assert_eq!(
            err("[model]\ndri = \"x\"\n"),
            "qbank.toml:2:1: [model] has no setting \"dri\"; did you mean \"dir\"?"
        );
        assert!(err("[model]\nenabled = \"no\"\n").contains("true or false"));
        assert!(err("[model]\ndir = 3\n").contains("path of a folder"));
        assert!(err("[model]\nname = \"\"\n").contains("the name of a model"));
        let c = parse_config("[model]\nname = \"all-mpnet-bas\"\n", "qbank.toml").unwrap();
        let name = c.model_name.unwrap();
        assert_eq!(
            (name.name.as_str(), name.line, name.column),
            ("all-mpnet-bas", 2, 8)
        );
        assert_eq!(
            name.unknown(&["all-MiniLM-L6-v2", "all-mpnet-base-v2"])
                .to_string(),
            "qbank.toml:2:8: [model] name \"all-mpnet-bas\" is not a model qbank knows; did you \
             mean \"all-mpnet-base-v2\"?"
        );
    }

    #[test]
    fn reads_severities_settings_and_lint() {
        let c = parse_config(
            "[lint]\ndeny-warnings = true\n\n[rules]\nunknown-topic = \"warning\"\nduplicate-id = \"off\"\n",
            "qbank.toml",
        )
        .unwrap();
        assert_eq!(c.deny_warnings, Some(true));
        assert_eq!(
            c.settings.severity["unknown-topic"],
            Some(Severity::Warning)
        );
        assert_eq!(c.settings.severity["duplicate-id"], None);
        assert!(parse_config("", "qbank.toml")
            .unwrap()
            .settings
            .severity
            .is_empty());
    }

    #[test]
    fn unknown_names_have_positions_and_suggestions() {
        assert_eq!(
            err("[rules]\nunknown-topc = \"off\"\n"),
            "qbank.toml:2:1: unknown rule \"unknown-topc\"; did you mean \"unknown-topic\"?"
        );
        assert_eq!(
            err("[lint]\ndeny-warning = true\n"),
            "qbank.toml:2:1: [lint] has no setting \"deny-warning\"; did you mean \"deny-warnings\"?"
        );
        assert!(err("[rulez]\n")
            .starts_with("qbank.toml:1:2: unknown section [rulez]; did you mean \"rules\"?"));
        assert_eq!(
            err("[rules]\nduplicate-id = \"eror\"\n"),
            "qbank.toml:2:16: the severity of \"duplicate-id\" must be one of \"error\", \"warning\", \"info\" or \"off\"; did you mean \"error\"?"
        );
        assert_eq!(
            err("[rules.duplicate-id]\nmax = 3\n"),
            "qbank.toml:2:1: rule \"duplicate-id\" has no setting \"max\"; expected one of: severity"
        );
        assert_eq!(
            err("[lint]\ndeny-warnings = 1\n"),
            "qbank.toml:2:17: `deny-warnings` must be true or false"
        );
    }

    #[test]
    fn invalid_toml_has_a_position() {
        let e = err("[rules\n");
        assert!(e.starts_with("qbank.toml:1:"), "{e}");
        assert!(e.contains("invalid TOML"), "{e}");
    }
}
