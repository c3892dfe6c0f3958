//! The ways qbank is distributed agree with each other: the wheel's project, the pre-commit
//! hooks' environment, the release archives' names, `cargo binstall`'s metadata and the
//! Action's installer all name the same version and the same archive layout.

mod common;

use std::path::PathBuf;

fn repo() -> PathBuf {
    common::crate_dir().join("../..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_wheel_is_the_binary_built_by_maturin() {
    let pyproject = read("crates/qbank-cli/pyproject.toml");
    assert!(pyproject.contains("build-backend = \"maturin\""));
    assert!(pyproject.contains("bindings = \"bin\""));
    assert!(pyproject.contains("name = \"qbank\""));
    // The version comes from Cargo.toml, so the two cannot drift apart.
    assert!(pyproject.contains("dynamic = [\"version\"]"));
    let readme = pyproject
        .lines()
        .find_map(|l| l.strip_prefix("readme = \""))
        .map(|r| r.trim_end_matches('"'))
        .unwrap();
    assert!(
        repo().join("crates/qbank-cli").join(readme).is_file(),
        "{readme}"
    );
}

#[test]
fn the_hooks_install_the_wheel_of_their_own_version() {
    let version = env!("CARGO_PKG_VERSION");
    let shim = read("pyproject.toml");
    assert!(shim.contains(&format!("version = \"{version}\"")), "{shim}");
    assert!(
        shim.contains(&format!("dependencies = [\"qbank=={version}\"]")),
        "{shim}"
    );
    let hooks: serde_yaml::Value = serde_yaml::from_str(&read(".pre-commit-hooks.yaml")).unwrap();
    let hooks = hooks.as_sequence().unwrap();
    assert_eq!(hooks.len(), 2);
    for hook in hooks {
        assert_eq!(hook["language"].as_str(), Some("python"), "{hook:?}");
        assert!(
            hook["entry"].as_str().unwrap().starts_with("qbank "),
            "{hook:?}"
        );
    }
    // What qbank init writes points at hooks of this version.
    let init = read("crates/qbank-cli/templates/init/.pre-commit-config.yaml");
    assert!(init.contains("rev: v{{version}}"));
}

#[test]
fn archives_are_named_alike_by_the_release_binstall_and_the_action() {
    // The release names archives qbank-<tag>-<target>, the tag being v<version>.
    let release = read(".github/workflows/release.yml");
    assert!(release.contains("name=qbank-${GITHUB_REF_NAME}-${{ matrix.target }}"));
    assert!(release.contains("sha256sum qbank-*.tar.gz qbank-*.zip > SHA256SUMS"));
    let cargo = read("crates/qbank-cli/Cargo.toml");
    assert!(cargo.contains(
        "pkg-url = \"{ repo }/releases/download/v{ version }/qbank-v{ version }-{ target }{ archive-suffix }\""
    ));
    assert!(cargo.contains("bin-dir = \"qbank-v{ version }-{ target }/{ bin }{ binary-ext }\""));
    let install = read("scripts/action-install.sh");
    assert!(install.contains("name=\"qbank-v$version-$target\""));
    assert!(install.contains("\"$base/v$version/SHA256SUMS\""));
    // Every target the action knows is built by the release.
    for target in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(install.contains(target), "{target}");
        assert!(release.contains(&format!("target: {target}")), "{target}");
    }
}
