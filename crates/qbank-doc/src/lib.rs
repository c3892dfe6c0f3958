//! The document model between the bank and the output formats: a bank or a kit becomes a
//! [`Table`] (one row per question, for spreadsheets). This crate is pure: it knows no file
//! format, does no I/O and reads no clock.

pub mod table;

pub use table::{build_table, in_topic_order, Cell, Column, Row, Table};
