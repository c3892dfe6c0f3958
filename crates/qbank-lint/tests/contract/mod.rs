//! The JSON output of `qbank lint` (version 1) as a consumer declares it: the renderer's test
//! and the binary's test both parse real output into these types, so renaming or dropping a
//! field, or adding one without a new version, breaks them.

#![allow(dead_code)]

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub version: u32,
    pub summary: Summary,
    pub diagnostics: Vec<Item>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub rule: String,
    pub severity: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub message: String,
    pub help: Option<String>,
    pub related: Vec<String>,
    pub labels: Vec<LabelItem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelItem {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}
