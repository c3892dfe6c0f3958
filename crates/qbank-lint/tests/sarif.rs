//! The SARIF output validates against the official SARIF 2.1.0 schema (OASIS, errata 01,
//! vendored in tests/data/sarif-schema-2.1.0.json), for every fixture bank and for a bank
//! with findings of many rules, a folder name with a space and a non-ASCII file name.

use std::path::Path;

use qbank_lint::{render, Settings, RULES};
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json"))
        .expect("the vendored schema is JSON");
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn sarif_of(bank: &Path) -> Value {
    let (bank, load) = qbank_core::load_bank(bank).expect("bank loads");
    let diagnostics = qbank_lint::lint(&bank, load, &Settings::default());
    let mut out = Vec::new();
    render::sarif::render(&diagnostics, &mut out).unwrap();
    serde_json::from_slice(&out).expect("SARIF output is JSON")
}

fn assert_valid(validator: &jsonschema::Validator, log: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF of {what} breaks the schema:\n{}",
        errors.join("\n")
    );
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let validator = validator();
    let log = sarif_of(Path::new("tests/banks/mixed"));
    assert_valid(&validator, &log, "tests/banks/mixed");

    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), RULES.len(), "every rule is described");
    for rule in rules {
        assert!(
            !rule["help"]["text"].as_str().unwrap_or_default().is_empty()
                && !rule["help"]["markdown"]
                    .as_str()
                    .unwrap_or_default()
                    .is_empty(),
            "{} has help text",
            rule["id"]
        );
    }
    let results = run["results"].as_array().unwrap();
    assert!(
        results.len() >= 10,
        "the mixed bank has findings of many rules"
    );
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    let uris: Vec<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    // The draft-04 schema does not check the `uri-reference` format, so check RFC 3986's
    // characters here: a raw space or a non-ASCII letter is not a URI reference.
    for uri in &uris {
        assert!(
            uri.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~/%!$&'()*+,;=:@".contains(&b)),
            "{uri} is not a URI reference"
        );
    }
    assert!(uris.contains(&"tests/banks/mixed/q/with%20space/canary.yaml"));
    assert!(uris.contains(&"tests/banks/mixed/q/caf%C3%A9.yaml"));
}

#[test]
fn sarif_of_every_fixture_validates() {
    let validator = validator();
    for rule in RULES {
        let bank = format!("tests/fixtures/{}", rule.name());
        assert_valid(&validator, &sarif_of(Path::new(&bank)), &bank);
    }
}

#[test]
fn the_schema_catches_broken_logs() {
    // The test above can only fail if the validator rejects bad SARIF.
    let validator = validator();
    let mut log = sarif_of(Path::new("tests/banks/mixed"));
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&log));
    let mut log = sarif_of(Path::new("tests/banks/mixed"));
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(!validator.is_valid(&log));
}
