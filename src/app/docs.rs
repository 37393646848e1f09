//! The documentation srm carries: manual pages (`srm man`) and shell completions.

use std::path::Path;

use anyhow::Context;

use crate::exit::{ExitCode, UsageError};
use crate::load::{self, Input};

/// Examples for each page, as `(command line, what it does)`.
fn examples(page: &str) -> &'static [(&'static str, &'static str)] {
    match page {
        "srm" => &[
            (
                "srm who --layer os --model paas",
                "who secures the operating system under PaaS",
            ),
            (
                "srm checklist aws-lambda",
                "what is yours when you run AWS Lambda",
            ),
            ("srm diff iaas saas", "what moves between IaaS and SaaS"),
            (
                "srm find mfa",
                "where multifactor authentication is dealt with",
            ),
            (
                "srm retained --json | jq '.rows[].id'",
                "the rows the customer keeps whatever the model",
            ),
        ],
        "srm-who" => &[
            ("srm who --layer os --model paas", "one cell"),
            (
                "srm who --layer identity,data",
                "two layers under every model",
            ),
            (
                "srm who --model saas --owner customer",
                "what is mine under SaaS",
            ),
            (
                "srm who --model paas --scope all --json",
                "every layer under PaaS, the AI ones too, for scripts",
            ),
        ],
        "srm-diff" => &[
            ("srm diff iaas saas", "what moves, and which way"),
            (
                "srm diff on-prem paas --all --format csv",
                "every layer, changed or not, as CSV",
            ),
        ],
        "srm-retained" => &[
            ("srm retained", "what the customer keeps under every model"),
            (
                "srm retained --scope all",
                "with the AI rows the customer keeps too",
            ),
        ],
        "srm-matrix" => &[
            ("srm matrix", "the grid in the terminal"),
            ("srm matrix --format html -o matrix.html", "a page to share"),
            (
                "srm matrix --scope ai --format svg -o ai.svg",
                "the AI layers as a picture",
            ),
        ],
        "srm-layers" => &[(
            "srm layers --scope classic",
            "the classic layers and their parts",
        )],
        "srm-models" => &[("srm models", "the service models and their aliases")],
        "srm-services" => &[
            (
                "srm services",
                "every service, its base model, variants and evidence",
            ),
            ("srm services --provider azure", "Azure's only"),
            (
                "srm who --layer runtime --model aws-lambda:manual",
                "one service in one variant",
            ),
            (
                "srm services --json | jq -r '.services[] | select(.evidence != \"sourced\") | .id'",
                "the services whose facts are not all stated by their vendor",
            ),
        ],
        "srm-checklist" => &[
            (
                "srm checklist paas --format markdown",
                "a task list to paste into a tracker",
            ),
            (
                "srm checklist paas --format csv -o paas.csv",
                "a sheet to tick, one line per duty",
            ),
        ],
        "srm-explain" => &[
            (
                "srm explain identity",
                "everything about the identity layer",
            ),
            (
                "srm explain split",
                "what the owner split means, and how it is derived",
            ),
        ],
        "srm-find" => &[
            ("srm find patch", "where patching is whose"),
            (
                "srm find who patches the os",
                "a question, its words passed over",
            ),
            ("srm find ac-2", "the rows a control bears on"),
            (
                "srm find prompt injection --scope ai",
                "rows about prompt injection",
            ),
        ],
        "srm-schema" => &[
            ("srm schema who", "the JSON Schema of srm who --json"),
            (
                "srm schema diff --controls",
                "the JSON Schema of srm diff --controls --json",
            ),
            (
                "srm schema catalog validate",
                "the JSON Schema of srm catalog validate --json",
            ),
        ],
        "srm-controls" => &[
            (
                "srm controls --model paas --baseline fedramp-moderate",
                "who holds each control under PaaS",
            ),
            (
                "srm controls --model paas --baseline fedramp-moderate --format crm -o crm.csv",
                "a FedRAMP customer responsibility matrix",
            ),
            (
                "srm controls --model saas --owner customer --family ac,ia",
                "access controls that stay with the customer",
            ),
        ],
        "srm-control" => &[
            (
                "srm control 'AC-2(7)'",
                "one control: its rows, and its owner under each model",
            ),
            (
                "srm control cm-3 --scope all",
                "its owners with the AI rows counted too",
            ),
        ],
        "srm-export" | "srm-export-oscal" => &[(
            "srm export oscal --model paas --baseline fedramp-moderate -o paas-moderate.json",
            "an OSCAL component definition for compliance tools",
        )],
        "srm-catalog" | "srm-catalog-show" => &[(
            "srm catalog show -o mine.yaml",
            "start a catalogue of your own",
        )],
        "srm-catalog-validate" => &[(
            "srm catalog validate mine.yaml",
            "check it, every problem with its line",
        )],
        "srm-catalog-schema" => &[(
            "srm catalog schema -o srm.schema.json",
            "the catalogue format, for editors",
        )],
        "srm-completions" => &[
            (
                "mkdir -p ~/.local/share/bash-completion/completions && srm completions bash > ~/.local/share/bash-completion/completions/srm",
                "install bash completions",
            ),
            (
                "mkdir -p ~/.zfunc && srm completions zsh > ~/.zfunc/_srm",
                "install zsh completions, with fpath=(~/.zfunc $fpath) in ~/.zshrc before compinit",
            ),
        ],
        "srm-man" => &[
            ("srm man who | man -l -", "read the page of srm who"),
            (
                "srm man --dir ~/.local/share/man/man1",
                "install every page; man srm finds them when ~/.local/bin is on PATH, else when MANPATH includes ~/.local/share/man",
            ),
        ],
        _ => &[],
    }
}

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "SRM_CATALOG",
        "The catalogue to use, as --catalog; --catalog wins, and an empty value means unset.",
    ),
    (
        "NO_COLOR",
        "Set and not empty: no colors in auto mode (no-color.org).",
    ),
    (
        "CLICOLOR_FORCE",
        "Set and not 0: colors in auto mode even when not on a terminal; NO_COLOR wins.",
    ),
    ("TERM", "dumb: no colors in auto mode."),
    (
        "COLUMNS",
        "A width (60): tables written anywhere but a terminal fit it; unset or not a width, they keep their natural width. A terminal's own width wins.",
    ),
];

const EXIT_STATUS: &[(&str, &str)] = &[
    (
        "0",
        "The answer was printed (also when the reader closed the pipe early).",
    ),
    (
        "1",
        "A runtime or catalogue error: a catalogue that cannot be read or is not valid, output that cannot be written.",
    ),
    (
        "2",
        "A usage error: an unknown flag, value, layer, model or owner, or a format the command cannot print.",
    ),
];

/// Every page: srm's own, then one per command (and per `catalog` command).
fn pages() -> Vec<clap::Command> {
    let mut top = crate::cli::full_command().disable_help_subcommand(true);
    top.build();
    let mut pages = vec![top.clone()];
    for sub in top.get_subcommands() {
        pages.push(sub.clone());
        pages.extend(sub.get_subcommands().cloned());
    }
    pages
}

fn page_name(cmd: &clap::Command) -> String {
    cmd.get_display_name().unwrap_or(cmd.get_name()).to_string()
}

/// One manual page in roff: clap_mangen's sections, then EXAMPLES, ENVIRONMENT, EXIT STATUS
/// and SEE ALSO. Help text is written for the terminal in Markdown-ish `code` spans; roff has
/// no such thing, so the backticks go.
fn render_page(cmd: &clap::Command) -> anyhow::Result<String> {
    let name = page_name(cmd);
    let man = clap_mangen::Man::new(cmd.clone())
        .date("")
        .source(format!("srm {}", env!("CARGO_PKG_VERSION")))
        .manual("srm manual");
    let mut out = Vec::new();
    let cannot = || format!("cannot render the manual page {name}");
    man.render_title(&mut out).with_context(cannot)?;
    man.render_name_section(&mut out).with_context(cannot)?;
    man.render_synopsis_section(&mut out).with_context(cannot)?;
    man.render_description_section(&mut out)
        .with_context(cannot)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out).with_context(cannot)?;
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut out)
            .with_context(cannot)?;
    }
    let mut roff = String::from_utf8_lossy(&out).replace('`', "");
    let section = |roff: &mut String, title: &str, items: &[(&str, &str)]| {
        if items.is_empty() {
            return;
        }
        roff.push_str(&format!(".SH \"{title}\"\n"));
        for (term, text) in items {
            roff.push_str(&format!(
                ".TP\n\\fB{}\\fR\n{}\n",
                escape(term),
                escape(text)
            ));
        }
    };
    section(&mut roff, "EXAMPLES", examples(&name));
    section(&mut roff, "ENVIRONMENT", ENVIRONMENT);
    section(&mut roff, "EXIT STATUS", EXIT_STATUS);
    let others: Vec<String> = pages()
        .iter()
        .map(page_name)
        .filter(|p| *p != name)
        .map(|p| format!("{p}(1)"))
        .collect();
    roff.push_str(&format!(
        ".SH \"SEE ALSO\"\n{}\n",
        escape(&others.join(", "))
    ));
    if let Some(version) = cmd
        .get_version()
        // Every page carries srm's version, which `#[command(version)]` takes from Cargo.
        .or(Some(env!("CARGO_PKG_VERSION")))
    {
        roff.push_str(&format!(".SH VERSION\nv{}\n", escape(version)));
    }
    Ok(roff)
}

/// Text for roff: backslashes doubled, and a leading `.` or `'` (a request) made literal.
fn escape(text: &str) -> String {
    let text = text.replace('\\', "\\\\").replace('-', "\\-");
    if text.starts_with(['.', '\'']) {
        format!("\\&{text}")
    } else {
        text
    }
}

/// `srm man`, `srm man who`, `srm man catalog validate` (or `catalog-validate`), or
/// `srm man --dir DIR` for all.
///
/// Pages go into DIR only as regular files: each is written atomically, none into a link, a
/// device or a FIFO of any kind, and none replaced without `force`. Every page is checked before
/// the first is written, so a refusal writes no page (DIR itself is created if it was missing).
pub(super) fn man(command: &[String], dir: Option<&Path>, force: bool) -> anyhow::Result<ExitCode> {
    let pages = pages();
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let paths: Vec<_> = pages
            .iter()
            .map(|page| dir.join(format!("{}.1", page_name(page))))
            .collect();
        for path in &paths {
            crate::output::check_page(path, force)?;
        }
        for (page, path) in pages.iter().zip(&paths) {
            crate::output::page(path, &render_page(page)?, force)?;
        }
        return Ok(ExitCode::Success);
    }
    // The words as typed (`catalog validate`), or joined as the page is named.
    let typed = command
        .iter()
        .map(|w| w.trim())
        .collect::<Vec<_>>()
        .join(" ");
    let wanted = if command.is_empty() {
        "srm".to_string()
    } else {
        format!("srm-{}", typed.replace(' ', "-"))
    };
    let Some(page) = pages.iter().find(|p| page_name(p) == wanted) else {
        let names: Vec<String> = pages
            .iter()
            .skip(1)
            .map(|p| page_name(p).trim_start_matches("srm-").to_string())
            .collect();
        return Err(UsageError(format!(
            "no manual page for '{}'; pages: {}",
            crate::sanitize::cut(&typed),
            names.join(", ")
        ))
        .into());
    };
    crate::output::stdout(&render_page(page)?)?;
    Ok(ExitCode::Success)
}

/// A completion script. Layer, part and model ids of the embedded catalogue are offered as
/// values where the shell supports it; srm still accepts any id or name, so custom catalogues
/// work. Each list is given once: to the first of two positional models only, since shells
/// merge the values of positionals.
pub(super) fn completions(shell: clap_complete::Shell) -> String {
    let mut command = crate::cli::full_command();
    if let Ok(cat) = load::load(&Input::Embedded) {
        let layers: Vec<String> = cat
            .layers()
            .iter()
            .flat_map(|l| std::iter::once(l.id()).chain(l.parts().iter().map(|p| p.id())))
            .map(str::to_string)
            .collect();
        let models: Vec<String> = cat.models().iter().map(|m| m.id().to_string()).collect();
        // explain also takes the owner words that no id of the catalogue takes.
        let words = crate::catalog::Derived::WORDS
            .iter()
            .map(|o| o.as_str().to_string())
            .filter(|w| cat.find(w).is_none());
        let all: Vec<String> = layers.iter().chain(&models).cloned().chain(words).collect();
        let values =
            |ids: &[String]| {
                clap::builder::PossibleValuesParser::new(ids.iter().map(|id| {
                    clap::builder::PossibleValue::new(clap::builder::Str::from(id.clone()))
                }))
            };
        command = command
            .mut_subcommand("who", |c| {
                c.mut_arg("layer", |a| a.value_parser(values(&layers)))
                    .mut_arg("model", |a| a.value_parser(values(&models)))
            })
            .mut_subcommand("diff", |c| {
                c.mut_arg("from", |a| a.value_parser(values(&models)))
                    .mut_arg("layer", |a| a.value_parser(values(&layers)))
            })
            .mut_subcommand("matrix", |c| {
                c.mut_arg("model", |a| a.value_parser(values(&models)))
                    .mut_arg("layer", |a| a.value_parser(values(&layers)))
            })
            .mut_subcommand("checklist", |c| {
                c.mut_arg("model", |a| a.value_parser(values(&models)))
                    .mut_arg("layer", |a| a.value_parser(values(&layers)))
            })
            .mut_subcommand("find", |c| {
                c.mut_arg("model", |a| a.value_parser(values(&models)))
            })
            .mut_subcommand("explain", |c| {
                c.mut_arg("id", |a| a.value_parser(values(&all)))
            });
    }
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "srm", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}
