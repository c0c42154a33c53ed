//! Embeds every `locales/<language>/*.ftl` file in the binary, and fails the build on a Fluent
//! syntax error, so a broken catalogue never reaches a running server. Links the server with
//! packed relative relocations where the machine's linker and C library take them.

use std::{env, fmt::Write as _, fs, path::Path, process::Command};

fn main() {
    if packs_relative_relocations() {
        // A position-independent binary lists ~120,000 pointers to relocate at start: 2.9 MB
        // read at every start and kept resident, which packed (DT_RELR) take 40 KB.
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    // Read when the script runs, not when it is compiled: a build script compiled for one
    // checkout may run for another sharing its target directory.
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut languages: Vec<_> = fs::read_dir(&root)
        .expect("locales/ exists")
        .map(|entry| entry.expect("readable locales/").path())
        .filter(|path| path.is_dir())
        .collect();
    languages.sort();
    let mut code = String::from("pub const FILES: &[(&str, &str, &str)] = &[\n");
    let mut faults = Vec::new();
    for dir in languages {
        println!("cargo:rerun-if-changed={}", dir.display());
        let language = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "ftl"))
            .collect();
        files.sort();
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let text = fs::read_to_string(&file).expect("UTF-8 .ftl file");
            if let Err((_, errors)) = fluent_syntax::parser::parse(text.as_str()) {
                for e in errors {
                    let line = text[..e.pos.start].lines().count().max(1);
                    faults.push(format!("{}:{line}: {:?}", file.display(), e.kind));
                }
            }
            let name = file.file_name().unwrap().to_string_lossy();
            writeln!(
                code,
                "    ({language:?}, {name:?}, include_str!({:?})),",
                file.display()
            )
            .unwrap();
        }
    }
    code.push_str("];\n");
    if !faults.is_empty() {
        panic!("Fluent syntax errors:\n{}", faults.join("\n"));
    }
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("locales.rs");
    fs::write(out, code).unwrap();
}

/// Whether a program linked with `-z pack-relative-relocs` builds without a warning and runs
/// here: binutils 2.38 and glibc 2.36 or later (Debian 12, Ubuntu 22.10). Older linkers ignore
/// the option with a warning; an older C library would not apply the packed relocations, and
/// the probe's one pointer would not point at its value. Only for native builds.
fn packs_relative_relocations() -> bool {
    let var = |name: &str| env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "linux"
        || var("CARGO_CFG_TARGET_ENV") != "gnu"
        || var("HOST") != var("TARGET")
    {
        return false;
    }
    let dir = Path::new(&var("OUT_DIR")).join("relr-probe");
    let (source, program) = (dir.join("probe.c"), dir.join("probe"));
    let written = fs::create_dir_all(&dir)
        .and_then(|()| fs::write(&source, PROBE))
        .is_ok();
    let cc = env::var("CC").unwrap_or_else(|_| "cc".into());
    written
        && Command::new(cc)
            .args(["-fPIE", "-pie", "-Wl,-z,pack-relative-relocs"])
            .arg(&source)
            .arg("-o")
            .arg(&program)
            .output()
            .is_ok_and(|out| out.status.success() && out.stderr.is_empty())
        && Command::new(&program).status().is_ok_and(|s| s.success())
}

/// A pointer stored in data: a relative relocation for the loader to apply.
const PROBE: &str = "static int value = 42;\n\
                     static int *pointer = &value;\n\
                     int main(void) { return *pointer == 42 ? 0 : 1; }\n";
