//! What the PDF and DOCX tests share: the project's own bank, and a kit of it built into a
//! document with fixed names, date and revision.

use std::path::Path;

use qbank_core::{Bank, Edition, Kit, Selection};
use qbank_doc::{build_document, Document, KitOptions};

pub fn bank() -> Bank {
    let (bank, _) = qbank_core::load_bank(Path::new("../../questions")).expect("questions/ loads");
    assert!(!bank.kits.is_empty());
    bank
}

/// The questions `kit` draws from the bank, near duplicates kept apart as `qbank kit` does.
pub fn selection(bank: &Bank, kit: &Kit) -> Selection {
    qbank_core::select(bank, kit, &qbank_text::pairs::related_pairs(bank, None)).unwrap()
}

/// The document of `kit` with the questions of `selection`.
pub fn document(bank: &Bank, kit: &Kit, selection: &Selection, edition: Edition) -> Document {
    let options = KitOptions {
        candidate: Some("Ada Lovelace".to_owned()),
        interviewer: Some("Grace Hopper".to_owned()),
        date: Some("2026-03-01".to_owned()),
        edition,
        revision: "0000000".to_owned(),
        ..KitOptions::default()
    };
    build_document(bank, kit, selection, &options)
}

/// The document of the kit with id `kit`.
pub fn kit_document(bank: &Bank, kit: &str, edition: Edition) -> Document {
    let kit = bank.kit(kit).unwrap();
    document(bank, kit, &selection(bank, kit), edition)
}
