//! The repository's own qbank.toml: it parses, it mentions every rule, and the rule settings
//! it writes out are the defaults it claims to show.

use qbank_lint::config::parse_config;
use qbank_lint::{OptionDefault, OptionValue, RULES};

const QBANK_TOML: &str = include_str!("../../../qbank.toml");

#[test]
fn repository_config_parses_and_shows_the_defaults() {
    let config = parse_config(QBANK_TOML, "qbank.toml").unwrap_or_else(|e| panic!("{e}"));
    for rule in RULES {
        assert!(
            QBANK_TOML.contains(&format!(
                "{} = \"{}\"",
                rule.name(),
                rule.default_severity()
            )) || QBANK_TOML.contains(&format!("[rules.{}]", rule.name())),
            "qbank.toml does not show rule {0}: add `# {0} = \"{1}\"` under [rules]",
            rule.name(),
            rule.default_severity()
        );
        for option in rule.options() {
            let key = (rule.name().to_owned(), option.name.to_owned());
            let Some(value) = config.settings.options.get(&key) else {
                continue;
            };
            let default = match option.default {
                OptionDefault::Integer(n) => OptionValue::Integer(n),
                OptionDefault::Words(w) => {
                    OptionValue::Words(w.iter().map(|s| (*s).to_owned()).collect())
                }
            };
            assert_eq!(
                *value,
                default,
                "qbank.toml shows {}.{} but it is not the default",
                rule.name(),
                option.name
            );
        }
    }
}
