//! `srm plan` and `srm plan merge`: reading inventories (files or standard input), handing
//! their resources to the [`Planner`], and writing the answer once every input was read, so
//! that an unreadable input leaves nothing on stdout.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Seek};

use anyhow::{Context, bail};

use crate::cli::{Env, PlanArgs, PlanCommand, PlanOutput, Run};
use crate::exit::{ExitCode, UsageError};
use crate::inventory::{self, Format, InventoryError, Side};
use crate::load::{self, Input};
use crate::query::{Plan, PlanResource, Planner};
use crate::render::{self, SchemaOf, Style};
use crate::sanitize::clean;

/// Bytes of JSON resources kept in memory before the spool moves to a temporary file.
const SPOOL_IN_MEMORY: usize = 8 << 20;

/// Largest `srm plan --json` result `srm plan merge` reads.
const MAX_RESULT: u64 = 1 << 30;

fn shown(path: &OsString) -> String {
    clean(&path.to_string_lossy()).into_owned()
}

fn place(path: &OsString, e: &InventoryError) -> String {
    match e.at {
        Some((line, column)) => format!("{}:{line}:{column}: {}", shown(path), e.message),
        None => format!("{}: {}", shown(path), e.message),
    }
}

/// Opens an input: `-` is standard input, read once.
fn open(path: &OsString, stdin_used: &mut bool) -> anyhow::Result<Box<dyn BufRead>> {
    if path == "-" {
        if std::mem::replace(stdin_used, true) {
            return Err(UsageError("standard input (-) can be read only once".into()).into());
        }
        return Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            std::io::stdin(),
        )));
    }
    let meta = std::fs::metadata(path)
        .with_context(|| format!("{}: cannot read inventory", shown(path)))?;
    if meta.is_dir() {
        bail!(
            "{}: is a directory; give inventory files (srm plan reads several at once)",
            shown(path)
        );
    }
    let file = std::fs::File::open(path)
        .with_context(|| format!("{}: cannot read inventory", shown(path)))?;
    Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
}

/// Where the resources go as they are read: a spool of JSON lines, or the first rows of the
/// table.
enum Resources<'c> {
    Json(tempfile::SpooledTempFile),
    Table(Vec<PlanResource<'c>>),
    None,
}

impl<'c> Resources<'c> {
    fn push(&mut self, r: PlanResource<'c>) -> std::io::Result<()> {
        match self {
            Resources::Json(spool) => render::plan::write_resource(&r, spool),
            Resources::Table(list) if list.len() < render::plan::MAX_TABLE_RESOURCES => {
                list.push(r);
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

impl Run for PlanArgs {
    fn run(&self, env: &Env) -> anyhow::Result<ExitCode> {
        plan(self, &env.input, env.style)
    }

    fn schemas() -> &'static [SchemaOf] {
        &[SchemaOf {
            name: "plan",
            alias: None,
            title: None,
            of: render::schema_of::<render::plan::PlanDocument<'static>>,
        }]
    }
}

fn plan(args: &PlanArgs, input: &Input, style: Style) -> anyhow::Result<ExitCode> {
    if let Some(PlanCommand::Merge { results, output }) = &args.command {
        return merge(results, output, input, style);
    }
    let dashes = args
        .inputs
        .iter()
        .chain(&args.against)
        .filter(|p| *p == "-")
        .count();
    if dashes > 1 {
        return Err(UsageError("standard input (-) can be read only once".into()).into());
    }
    let catalog = load::load(input)?;
    let format = if args.output.json {
        render::Format::Json
    } else {
        args.output.format
    };
    let wants = matches!(format, render::Format::Json | render::Format::Table);
    let mut resources = match format {
        render::Format::Json => Resources::Json(tempfile::SpooledTempFile::new(SPOOL_IN_MEMORY)),
        render::Format::Table => Resources::Table(Vec::new()),
        _ => Resources::None,
    };
    let scope = args.scope.scope();
    let index = crate::catalog::TypeIndex::new(&catalog);
    let mut planner = Planner::new(&catalog, &index, scope);
    let forced = args.from;
    let mut stdin_used = false;
    let mut all_plans = true;
    let mut failure: Option<std::io::Error> = None;
    for (sides, list) in [(Side::Prior, &args.against), (Side::Current, &args.inputs)] {
        for (i, path) in list.iter().enumerate() {
            let mut reader = open(path, &mut stdin_used)?;
            let mut counts = (0usize, 0usize);
            // Addresses are matched for a comparison: with --against (a Terraform plan's are
            // always kept, as it compares with its own prior state).
            planner.track(!args.against.is_empty());
            let read = {
                let against = !args.against.is_empty();
                let mut sink = |side: Side, r: &inventory::Resource<'_>| {
                    // An --against input's "before" is what it runs or plans; with --against,
                    // a plan's own prior state is no side at all.
                    let side = match (sides, side) {
                        (Side::Prior, Side::Current) => Side::Prior,
                        (Side::Prior, Side::Prior) => return,
                        (Side::Current, Side::Prior) if against => return,
                        (_, side) => side,
                    };
                    match side {
                        Side::Current => counts.0 += 1,
                        Side::Prior => counts.1 += 1,
                    }
                    if let Some(c) = planner.add(side, i, r, wants)
                        && failure.is_none()
                        && let Err(e) = resources.push(c)
                    {
                        failure = Some(e);
                    }
                };
                inventory::read(&mut *reader, forced, &index, &mut sink)
            };
            let format = read.map_err(|e| anyhow::anyhow!(place(path, &e)))?;
            if let Some(e) = failure.take() {
                return Err(e).context("cannot keep the resources read");
            }
            let path = path.to_string_lossy();
            let path = clean(&path);
            match sides {
                Side::Prior => planner.input(Side::Prior, &path, format, counts.0 + counts.1),
                Side::Current => {
                    all_plans &= format == Format::TerraformPlan;
                    planner.input(Side::Current, &path, format, counts.0);
                }
            }
        }
    }
    let comparing = !args.against.is_empty() || all_plans;
    let plan = planner.finish(comparing);
    write(&plan, resources, format, &args.output, style)?;
    Ok(report_unclassified(&plan, args.strict))
}

/// Unclassified resources are said on stderr too; with --strict they fail the run.
fn report_unclassified(plan: &Plan<'_>, strict: bool) -> ExitCode {
    let n = plan.totals.unclassified;
    if n == 0 {
        return ExitCode::Success;
    }
    let types: Vec<String> = plan
        .unclassified
        .iter()
        .take(5)
        .map(|t| format!("{} ×{}", t.ty, t.count))
        .collect();
    let more = plan.unclassified.len().saturating_sub(5);
    eprintln!(
        "srm: {n} resource{} unclassified: {}{} (no service or supporting type in the catalogue lists {})",
        if n == 1 { "" } else { "s" },
        clean(&types.join(", ")),
        if more > 0 {
            format!(" and {more} more types")
        } else {
            String::new()
        },
        if n == 1 { "it" } else { "them" }
    );
    if strict {
        ExitCode::Failure
    } else {
        ExitCode::Success
    }
}

fn write(
    plan: &Plan<'_>,
    resources: Resources,
    format: render::Format,
    output: &PlanOutput,
    style: Style,
) -> anyhow::Result<()> {
    let text = match (format, resources) {
        (render::Format::Json, Resources::Json(mut spool)) => {
            spool.rewind().context("cannot read back the resources")?;
            let mut lines = BufReader::new(spool);
            return write_json(plan, &mut lines, output);
        }
        (render::Format::Table, Resources::Table(list)) => render::plan::table(plan, &list, style),
        (render::Format::Csv, _) => render::plan::csv(plan)?,
        (render::Format::Markdown, _) => render::plan::markdown(plan),
        (_, _) => render::plan::table(plan, &[], style),
    };
    super::emit(&text, &output.file)
}

fn write_json(plan: &Plan<'_>, lines: &mut dyn BufRead, output: &PlanOutput) -> anyhow::Result<()> {
    let mut doc = tempfile::SpooledTempFile::new(SPOOL_IN_MEMORY);
    render::plan::write_document(plan, lines, &mut doc).context("cannot write the plan")?;
    doc.rewind().context("cannot write the plan")?;
    // Copied from the spool a block at a time, to stdout or the file: never held whole.
    let mut copy = |out: &mut dyn std::io::Write| -> anyhow::Result<()> {
        std::io::copy(&mut doc, out)?;
        Ok(())
    };
    match &output.file.output {
        None => crate::output::stdout_with(&mut copy),
        Some(path) => crate::output::file_with(path, output.file.force, &mut copy),
    }
}

/// The whole `srm plan --json` document, as merge reads it back.
#[derive(serde::Deserialize)]
struct Part<'a> {
    format_version: u32,
    #[serde(flatten, borrow)]
    plan: Plan<'a>,
    #[serde(borrow)]
    resources: Vec<PlanResource<'a>>,
}

fn merge(
    results: &[OsString],
    output: &PlanOutput,
    input: &Input,
    style: Style,
) -> anyhow::Result<ExitCode> {
    let catalog = load::load(input)?;
    let mut texts = Vec::with_capacity(results.len());
    let mut stdin_used = false;
    for path in results {
        let mut reader = open(path, &mut stdin_used)?;
        let mut text = String::new();
        let n = reader
            .by_ref()
            .take(MAX_RESULT + 1)
            .read_to_string(&mut text)
            .with_context(|| format!("{}: cannot read result (UTF-8 JSON)", shown(path)))?;
        if n as u64 > MAX_RESULT {
            bail!(
                "{}: larger than the {} MiB limit of a result",
                shown(path),
                MAX_RESULT >> 20
            );
        }
        texts.push(text);
    }
    let mut plans = Vec::with_capacity(texts.len());
    let mut resources = Vec::new();
    for (path, text) in results.iter().zip(&texts) {
        let part: Part<'_> = serde_json::from_str(text).map_err(|e| {
            anyhow::anyhow!(place(
                path,
                &InventoryError::json(&e, "not an `srm plan --json` result", (1, 1))
            ))
        })?;
        if part.format_version != render::FORMAT_VERSION {
            bail!(
                "{}: has format_version {}, which this srm does not read (it writes {}); merge results of one srm version",
                shown(path),
                part.format_version,
                render::FORMAT_VERSION
            );
        }
        let offset: usize = plans.iter().map(|p: &Plan<'_>| p.inputs.len()).sum();
        let inputs = part.plan.inputs.len();
        if part.resources.iter().any(|r| r.input >= inputs) {
            bail!(
                "{}: a resource names an input the result does not list; is it an `srm plan --json` result?",
                shown(path)
            );
        }
        resources.extend(part.resources.into_iter().map(|mut r| {
            r.input += offset;
            r
        }));
        plans.push(part.plan);
    }
    let plan = crate::query::merge(&catalog, plans).map_err(|e| anyhow::anyhow!(e.0))?;
    let format = if output.json {
        render::Format::Json
    } else {
        output.format
    };
    let sink = match format {
        render::Format::Json => {
            let mut spool = tempfile::SpooledTempFile::new(SPOOL_IN_MEMORY);
            for r in &resources {
                render::plan::write_resource(r, &mut spool).context("cannot keep the resources")?;
            }
            Resources::Json(spool)
        }
        render::Format::Table => Resources::Table(
            resources
                .into_iter()
                .take(render::plan::MAX_TABLE_RESOURCES)
                .collect(),
        ),
        _ => Resources::None,
    };
    write(&plan, sink, format, output, style)?;
    Ok(ExitCode::Success)
}
