//! The command line's report commands: `import-pelican` and `export-site`, a group's reports to
//! and from files, through the same use cases as the web.

use std::path::{Path, PathBuf};

use crate::app;
use crate::assets::ASSETS;
use crate::config::Settings;
use crate::db::models::Group;
use crate::db::Db;
use crate::error::AppError;
use crate::reports::publish::{atom, local_day, pelican_doc};
use crate::reports::{pelican, site};

async fn group(db: &Db, slug: &str) -> Result<Group, String> {
    let owned = slug.to_string();
    db.run(move |conn| app::groups::group_at(conn, &owned))
        .await
        .map_err(|e| match e {
            AppError::NotFound => format!("no group with slug {slug:?}"),
            other => other.to_string(),
        })
}

/// The Markdown files at `path` (one file, or every `*.md` in a folder), sorted.
fn markdown_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    Ok(files)
}

/// Imports every file; a bad file is reported with its name and field, the others still go in.
/// Returns how many were imported and the failures.
pub async fn import_pelican(
    db: &Db,
    slug: &str,
    path: &Path,
) -> Result<(usize, Vec<String>), String> {
    let group = group(db, slug).await?;
    let files = markdown_files(path)?;
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    if files.len() < 2 {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let (mut imported, mut failures) = (0, Vec::new());
    for file in files {
        bar.set_message(file.display().to_string());
        let bytes =
            std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        match app::reports::import_article(db, &group, bytes).await {
            Ok(_) => imported += 1,
            Err(AppError::Validation(e)) => {
                failures.push(format!("{}: invalid {}", file.display(), e.field))
            }
            Err(e) => failures.push(format!("{}: {e}", file.display())),
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok((imported, failures))
}

fn write(path: PathBuf, content: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(&path, content).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Pelican Markdown under `content/` and a static HTML site (index, one page a report, the
/// stylesheet, an Atom feed) with relative links, ready for any static host.
pub async fn export_site(
    db: &Db,
    settings: &Settings,
    slug: &str,
    dir: &Path,
) -> Result<usize, String> {
    let group = group(db, slug).await?;
    let list = app::reports::published_reports(db, &group)
        .await
        .map_err(|e| e.to_string())?;
    for (report, meetup) in &list {
        let day = local_day(meetup, &group);
        write(
            dir.join("content")
                .join(format!("{day}-{}.md", report.slug)),
            pelican::export(&pelican_doc(report, meetup, &group)).as_bytes(),
        )?;
        write(
            dir.join("reports").join(format!("{}.html", report.slug)),
            site::report_page(&group, report, meetup).as_bytes(),
        )?;
    }
    write(
        dir.join("index.html"),
        site::index_page(&group, &list).as_bytes(),
    )?;
    write(
        dir.join("feed.atom"),
        atom(settings, &group, &list).as_bytes(),
    )?;
    for asset in ASSETS {
        write(dir.join("assets").join(asset.name), asset.bytes)?;
    }
    Ok(list.len())
}
