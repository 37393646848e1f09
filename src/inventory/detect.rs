//! Which format an inventory is, from its content, and the walk over its resources.

use std::borrow::Cow;
use std::io::{BufRead, Read};

use serde::de::DeserializeSeed;
use serde_json::value::RawValue;

use super::fields::{self, Spelling};
use super::formats::{ArmDeployment, ArmResource, CfnYaml, ConfigItem, ListItem, Top};
use super::{
    Format, InventoryError, MAX_DOCUMENT, MAX_LINE, MAX_NAME, MAX_YAML, Resource, Side, Sink,
};
use crate::catalog::{Claim, Family, TypeIndex};

/// What each format is told it lacks, when `--from` names it and the file is something else.
fn expected(format: Format) -> &'static str {
    match format {
        Format::TerraformState => {
            "not a Terraform state: `terraform show -json` of a state has `format_version` and `values`"
        }
        Format::TerraformPlan => {
            "not a Terraform plan: `terraform show -json PLANFILE` has `format_version` and `planned_values`"
        }
        Format::CloudFormation => "not a CloudFormation template: it has no `Resources` mapping",
        Format::AwsConfig => "not AWS Config output: it has no `configurationItems` list",
        Format::ArmTemplate => "not an ARM template: it has no `resources`",
        Format::ResourceGraph => {
            "not Resource Graph output: it has no `data` list, and is not a list of resources with `type`"
        }
        Format::AssetInventory => {
            "not a Cloud Asset Inventory export: its assets have no `asset_type` (or `assetType`)"
        }
    }
}

const UNKNOWN: &str = "not an inventory srm reads: expected Terraform JSON (`terraform show -json`), a CloudFormation template, AWS Config items, an ARM template, Resource Graph or `az resource list` output, or a Cloud Asset Inventory export (--from names the format)";

pub(super) fn read(
    reader: &mut dyn BufRead,
    forced: Option<Format>,
    index: &TypeIndex<'_>,
    sink: &mut Sink<'_>,
) -> Result<Format, InventoryError> {
    let io = |e: std::io::Error| InventoryError::new(format!("cannot read it: {e}"));
    // The first line, read alone: a newline-delimited asset export is read a line at a time
    // and never whole.
    let mut first = Vec::new();
    reader
        .take(MAX_LINE as u64)
        .read_until(b'\n', &mut first)
        .map_err(io)?;
    // Only a whole line with more after it can start a newline-delimited export: a
    // Terraform state is one long line, and is read as the document it is.
    let more = first.ends_with(b"\n") && !reader.fill_buf().map_err(io)?.is_empty();
    // A byte-order mark (PowerShell writes one) is not part of the first line's JSON.
    if first.starts_with("\u{feff}".as_bytes()) {
        first.drain(..3);
    }
    let lead = first
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map(|i| first[i]);
    if more && lead == Some(b'{') && matches!(forced, None | Some(Format::AssetInventory)) {
        let text = utf8(&first, 1)?;
        if let Ok(item) = serde_json::from_str::<ListItem<'_>>(text.trim_end())
            && item.asset_type.is_some()
        {
            return lines(reader, first, index, sink);
        }
    }
    let mut bytes = first;
    let room = MAX_DOCUMENT.saturating_sub(bytes.len() as u64) + 1;
    reader.take(room).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_DOCUMENT {
        return Err(InventoryError::new(format!(
            "larger than the {} MiB limit of a whole document; split it (srm plan reads several files, and srm plan merge joins results)",
            MAX_DOCUMENT >> 20
        )));
    }
    let text = utf8(&bytes, 1)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match text.trim_start().as_bytes().first() {
        Some(b'{') | Some(b'[') => document(text, forced, index, sink),
        None => Err(InventoryError::new(
            "is empty; give a JSON or YAML inventory",
        )),
        Some(_) => match forced {
            None | Some(Format::CloudFormation) => cfn_yaml(text, index, sink),
            Some(f) => Err(InventoryError::new(format!(
                "is not JSON, which {} is",
                f.as_str()
            ))),
        },
    }
}

/// Reads one line (with its end) into `buf`, refusing one longer than [`MAX_LINE`].
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    buf.clear();
    let n = reader.take(MAX_LINE as u64 + 1).read_until(b'\n', buf)?;
    if buf.len() > MAX_LINE && !buf.ends_with(b"\n") {
        return Err(std::io::Error::other(format!(
            "a line is longer than {} MiB",
            MAX_LINE >> 20
        )));
    }
    Ok(n)
}

fn utf8(bytes: &[u8], line: usize) -> Result<&str, InventoryError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let (l, c) = crate::load::line_col_of_offset(&bytes[..e.valid_up_to()]);
        InventoryError::new("is not UTF-8 text; inventories are UTF-8 JSON or YAML")
            .at(Some((line + l - 1, c)))
    })
}

/// Where `part` (a slice of `text`) starts in it.
fn base(text: &str, part: &str) -> (usize, usize) {
    let offset = (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    crate::load::line_col_of_offset(&text.as_bytes()[..offset.min(text.len())])
}

/// A name as kept: at most [`MAX_NAME`] bytes, cut on a character boundary with `…`.
fn cut(s: &str) -> Cow<'_, str> {
    if s.len() <= MAX_NAME {
        return Cow::Borrowed(s);
    }
    let mut end = MAX_NAME;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}…", &s[..end]))
}

pub(super) fn paths<'i>(index: &'i TypeIndex<'_>, family: Family, ty: &str) -> &'i [&'i str] {
    match index.get(family, ty) {
        Some(Claim::Services { paths, .. }) => paths,
        _ => &[],
    }
}

pub(super) fn emit(
    format: Format,
    sink: &mut Sink<'_>,
    side: Side,
    address: &str,
    ty: &str,
    conditional: bool,
    values: &[Option<String>],
) {
    // Names are kept as safe one-line text: line breaks as spaces, invisible and control
    // characters escaped (`\u{202e}`), whatever the output format.
    let address = cut(address);
    let address = crate::sanitize::clean(&address);
    let ty = cut(ty);
    let ty = crate::sanitize::clean(&ty);
    sink(
        side,
        &Resource {
            address: &address,
            ty: &ty,
            conditional,
            values,
            format,
        },
    );
}

/// A newline-delimited asset export, from its first line on.
fn lines(
    reader: &mut dyn BufRead,
    mut line: Vec<u8>,
    index: &TypeIndex<'_>,
    sink: &mut Sink<'_>,
) -> Result<Format, InventoryError> {
    let mut number = 1;
    loop {
        let text = utf8(&line, number)?;
        let trimmed = text.trim();
        if !trimmed.is_empty() {
            asset_line(text, &|| (number, 1), index, sink)?;
        }
        number += 1;
        let n = read_line(reader, &mut line).map_err(|e| {
            InventoryError::new(format!("cannot read it: {e}")).at(Some((number, 1)))
        })?;
        if n == 0 {
            return Ok(Format::AssetInventory);
        }
    }
}

/// One asset; `at` says where its text starts in the file, worked out only for an error
/// (counting lines for every item would cost the file's size per item).
fn asset_line(
    text: &str,
    at: &dyn Fn() -> (usize, usize),
    index: &TypeIndex<'_>,
    sink: &mut Sink<'_>,
) -> Result<(), InventoryError> {
    let item: ListItem<'_> =
        serde_json::from_str(text).map_err(|e| InventoryError::json(&e, "an asset", at()))?;
    let Some(ty) = item.asset_type.as_deref() else {
        return Err(
            InventoryError::new("an asset has no `asset_type` (or `assetType`)").at(Some(at())),
        );
    };
    let paths = paths(index, Family::AssetInventory, ty);
    // The text parsed as an asset just above: valid JSON, walked again only for its fields.
    let values = fields::values_in(text, paths, Spelling::AsWritten);
    let address = item.name.as_deref().unwrap_or("");
    emit(
        Format::AssetInventory,
        sink,
        Side::Current,
        address,
        ty,
        false,
        &values,
    );
    Ok(())
}

/// A JSON document read whole.
fn document(
    text: &str,
    forced: Option<Format>,
    index: &TypeIndex<'_>,
    sink: &mut Sink<'_>,
) -> Result<Format, InventoryError> {
    if text.trim_start().starts_with('[') {
        return list(text, forced, index, sink);
    }
    // One pass: Terraform's resources reach the sink as they are parsed. A file that then
    // turns out not to be what was asked fails the run, so nothing read from it is kept.
    let mut ctx = super::terraform::Context {
        index,
        sink,
        _k: std::marker::PhantomData,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let top: Top<'_> = super::terraform::TopSeed(&mut ctx)
        .deserialize(&mut de)
        .and_then(|top| de.end().map(|()| top))
        .map_err(|e| InventoryError::json(&e, "the inventory", (1, 1)))?;
    let sink = ctx.sink;
    if top.lineage && top.serial && top.format_version.is_none() {
        return Err(InventoryError::new(
            "is a raw Terraform state file, whose layout Terraform does not promise; give srm `terraform show -json` of it instead",
        ));
    }
    let terraform_only = top.cfn_resources.is_none()
        && top.config_items.is_none()
        && top.resources.is_none()
        && top.data.is_none();
    let detected = if top.format_version.is_some()
        && (top.values || top.planned_values || top.prior_state || terraform_only)
    {
        // `terraform show -json` of no state at all is `{"format_version":"1.0"}`.
        if top.planned_values || top.prior_state {
            Format::TerraformPlan
        } else {
            Format::TerraformState
        }
    } else if top.cfn_resources.is_some() {
        Format::CloudFormation
    } else if top.config_items.is_some() {
        Format::AwsConfig
    } else if top.resources.is_some()
        && (top.schema || top.content_version || forced == Some(Format::ArmTemplate))
    {
        Format::ArmTemplate
    } else if top.data.is_some() {
        Format::ResourceGraph
    } else if matches!(forced, None | Some(Format::AssetInventory))
        && serde_json::from_str::<ListItem<'_>>(text).is_ok_and(|i| i.asset_type.is_some())
    {
        // An export of one asset: one line.
        asset_line(text, &|| (1, 1), index, sink)?;
        return Ok(Format::AssetInventory);
    } else {
        return Err(InventoryError::new(match forced {
            Some(f) => expected(f),
            None => UNKNOWN,
        }));
    };
    let format = match forced {
        // A state read as a plan, or a plan as a state, is the format it is.
        Some(f @ (Format::TerraformState | Format::TerraformPlan))
            if matches!(detected, Format::TerraformState | Format::TerraformPlan) =>
        {
            let _ = f;
            detected
        }
        Some(f) if f != detected => return Err(InventoryError::new(expected(f))),
        _ => detected,
    };
    match format {
        Format::TerraformState | Format::TerraformPlan => {
            // Its resources went to the sink as they were parsed.
            terraform_version(top.format_version.as_deref().unwrap_or_default())?;
        }
        Format::CloudFormation => {
            for (id, r) in top.cfn_resources.map(|e| e.0).unwrap_or_default() {
                let paths = paths(index, Family::CloudFormation, &r.ty);
                let values = fields::values(r.properties, paths, Spelling::AsWritten);
                emit(
                    Format::CloudFormation,
                    sink,
                    Side::Current,
                    &id,
                    &r.ty,
                    r.condition.is_some(),
                    &values,
                );
            }
        }
        Format::AwsConfig => config_items(top.config_items.unwrap_or_default(), index, sink),
        Format::ArmTemplate => {
            if let Some(raw) = top.resources {
                arm(text, raw, None, 0, index, sink)?;
            }
        }
        Format::ResourceGraph => {
            for raw in top.data.unwrap_or_default() {
                azure_item(text, raw, index, sink)?;
            }
        }
        Format::AssetInventory => unreachable_format()?,
    }
    Ok(format)
}

/// The asset-inventory format is never detected from an object (a single asset is one line
/// of an export, read by [`lines`]).
fn unreachable_format() -> Result<(), InventoryError> {
    Err(InventoryError::new(expected(Format::AssetInventory)))
}

/// Terraform's JSON output formats srm knows: majors 0 and 1.
fn terraform_version(v: &str) -> Result<(), InventoryError> {
    let major = v.split('.').next().unwrap_or_default();
    if major == "0" || major == "1" {
        Ok(())
    } else {
        // The version is quoted only when it is one (digits and dots): it is the file's text.
        let shown =
            if !v.is_empty() && v.len() <= 16 && v.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            {
                format!(" '{v}'")
            } else {
                String::new()
            };
        Err(InventoryError::new(format!(
            "has a Terraform JSON format_version{shown} whose major srm does not know (it reads 0.x and 1.x); a newer srm may read it"
        )))
    }
}

/// AWS Config items as they are: a resource once, in its latest recorded state (a history
/// lists a resource once per change), and not once it is deleted or no longer recorded.
fn config_items(items: Vec<ConfigItem<'_>>, index: &TypeIndex<'_>, sink: &mut Sink<'_>) {
    let mut latest: foldhash::HashMap<(String, String), usize> = foldhash::HashMap::default();
    let mut keep = vec![true; items.len()];
    for (i, item) in items.iter().enumerate() {
        let Some(id) = item.id.as_deref().or(item.arn.as_deref()) else {
            continue;
        };
        let key = (item.ty.to_string(), id.to_string());
        match latest.get(&key) {
            Some(&j) => {
                let newer = item.captured.as_deref().unwrap_or("")
                    > items[j].captured.as_deref().unwrap_or("");
                let (old, new) = if newer { (j, i) } else { (i, j) };
                keep[old] = false;
                latest.insert(key, new);
            }
            None => {
                latest.insert(key, i);
            }
        }
    }
    for (item, keep) in items.iter().zip(keep) {
        let gone = item
            .status
            .as_deref()
            .is_some_and(|s| s.starts_with("ResourceDeleted") || s == "ResourceNotRecorded");
        if keep && !gone {
            config(item, index, sink);
        }
    }
}

fn config(item: &ConfigItem<'_>, index: &TypeIndex<'_>, sink: &mut Sink<'_>) {
    let paths = paths(index, Family::CloudFormation, &item.ty);
    let values = fields::values(item.configuration, paths, Spelling::LowerCamel);
    let address = item
        .name
        .as_deref()
        .or(item.id.as_deref())
        .or(item.arn.as_deref())
        .unwrap_or("");
    emit(
        Format::AwsConfig,
        sink,
        Side::Current,
        address,
        &item.ty,
        false,
        &values,
    );
}

/// Deepest nesting of ARM child resources and nested deployments followed.
const MAX_ARM_DEPTH: usize = 16;

/// What an ARM resource's children inherit from it.
#[derive(Clone, Copy)]
struct ArmParent<'p> {
    ty: &'p str,
    name: &'p str,
    conditional: bool,
}

/// ARM resources: a list, or (language version 2.0) a mapping of symbolic names. A child is
/// qualified by its parent (type `Microsoft.Web/sites/slots`, name `site/staging`) and is
/// conditional when its parent is; an inline nested deployment's resources are read as the
/// template's; `existing` references are not resources.
fn arm(
    text: &str,
    raw: &RawValue,
    parent: Option<ArmParent<'_>>,
    depth: usize,
    index: &TypeIndex<'_>,
    sink: &mut Sink<'_>,
) -> Result<(), InventoryError> {
    let at = || base(text, raw.get());
    if depth > MAX_ARM_DEPTH {
        return Err(InventoryError::new(format!(
            "resources nest deeper than {MAX_ARM_DEPTH} levels (children and nested deployments); flatten the template"
        ))
        .at(Some(at())));
    }
    let items: Vec<&RawValue> = if raw.get().trim_start().starts_with('{') {
        let map: super::formats::Entries<'_, &RawValue> = serde_json::from_str(raw.get())
            .map_err(|e| InventoryError::json(&e, "`resources`", at()))?;
        map.0.into_iter().map(|(_, v)| v).collect()
    } else {
        serde_json::from_str(raw.get())
            .map_err(|e| InventoryError::json(&e, "`resources` (a list of resources)", at()))?
    };
    for item in items {
        let r: ArmResource<'_> = serde_json::from_str(item.get())
            .map_err(|e| InventoryError::json(&e, "a resource", base(text, item.get())))?;
        if r.existing
            .as_ref()
            .is_some_and(|e| e.get().trim() == "true")
        {
            continue;
        }
        let own_name = r.name.as_deref().unwrap_or("");
        let (ty, name) = match parent {
            Some(p) if !r.ty.contains('/') => (
                Cow::Owned(format!("{}/{}", p.ty, &*r.ty)),
                if own_name.contains('/') || p.name.is_empty() {
                    Cow::Borrowed(own_name)
                } else {
                    Cow::Owned(format!("{}/{own_name}", p.name))
                },
            ),
            _ => (Cow::Borrowed(&*r.ty), Cow::Borrowed(own_name)),
        };
        let conditional = parent.is_some_and(|p| p.conditional)
            || r.condition.is_some_and(|c| c.get().trim() != "true");
        let paths = paths(index, Family::Arm, &ty);
        let values = fields::values(Some(item), paths, Spelling::AsWritten);
        let nested = ty.eq_ignore_ascii_case("Microsoft.Resources/deployments");
        let inline = r
            .properties
            .filter(|_| nested)
            .and_then(|p| serde_json::from_str::<ArmDeployment<'_>>(p.get()).ok())
            .and_then(|d| d.template);
        if let Some(template) = inline {
            // A module: its resources are the estate's, the deployment itself is not.
            if let Some(resources) = template.resources {
                arm(text, resources, None, depth + 1, index, &mut |side, res| {
                    if conditional && !res.conditional {
                        sink(
                            side,
                            &Resource {
                                conditional: true,
                                ..*res
                            },
                        );
                    } else {
                        sink(side, res);
                    }
                })?;
            }
            continue;
        }
        emit(
            Format::ArmTemplate,
            sink,
            Side::Current,
            &name,
            &ty,
            conditional,
            &values,
        );
        if let Some(children) = r.resources {
            let me = ArmParent {
                ty: &ty,
                name: &name,
                conditional,
            };
            arm(text, children, Some(me), depth + 1, index, sink)?;
        }
    }
    Ok(())
}

/// A Resource Graph or `az resource list` item.
fn azure_item(
    text: &str,
    raw: &RawValue,
    index: &TypeIndex<'_>,
    sink: &mut Sink<'_>,
) -> Result<(), InventoryError> {
    let at = || base(text, raw.get());
    let item: ListItem<'_> = serde_json::from_str(raw.get())
        .map_err(|e| InventoryError::json(&e, "a resource", at()))?;
    let Some(ty) = item.ty.as_deref() else {
        return Err(InventoryError::new("a resource has no `type`").at(Some(at())));
    };
    let paths = paths(index, Family::Arm, ty);
    let values = fields::values(Some(raw), paths, Spelling::AsWritten);
    let address = item.id.as_deref().or(item.name.as_deref()).unwrap_or("");
    emit(
        Format::ResourceGraph,
        sink,
        Side::Current,
        address,
        ty,
        false,
        &values,
    );
    Ok(())
}

/// A bare list: Cloud Asset Inventory assets, or `az resource list` output.
fn list(
    text: &str,
    forced: Option<Format>,
    index: &TypeIndex<'_>,
    sink: &mut Sink<'_>,
) -> Result<Format, InventoryError> {
    let items: Vec<&RawValue> =
        serde_json::from_str(text).map_err(|e| InventoryError::json(&e, "the list", (1, 1)))?;
    let first: Option<ListItem<'_>> = match items.first() {
        Some(raw) => Some(
            serde_json::from_str(raw.get())
                .map_err(|e| InventoryError::json(&e, "an item", base(text, raw.get())))?,
        ),
        None => None,
    };
    let detected = match &first {
        Some(i) if i.asset_type.is_some() => Format::AssetInventory,
        Some(i) if i.ty.is_some() => Format::ResourceGraph,
        // An empty list has no resources, whatever it is.
        None => forced.unwrap_or(Format::AssetInventory),
        Some(_) => {
            return Err(InventoryError::new(match forced {
                Some(f) => expected(f),
                None => UNKNOWN,
            }));
        }
    };
    if let Some(f) = forced
        && f != detected
    {
        return Err(InventoryError::new(expected(f)));
    }
    for raw in items {
        match detected {
            Format::AssetInventory => {
                asset_line(raw.get(), &|| base(text, raw.get()), index, sink)?;
            }
            _ => azure_item(text, raw, index, sink)?,
        }
    }
    Ok(detected)
}

/// A CloudFormation template in YAML. Its short-form tags (`!Ref`, `!GetAtt`…) are read as
/// the values they tag.
fn cfn_yaml(
    text: &str,
    index: &TypeIndex<'_>,
    sink: &mut Sink<'_>,
) -> Result<Format, InventoryError> {
    if text.len() as u64 > MAX_YAML {
        return Err(InventoryError::new(format!(
            "is a YAML document larger than the {} MiB limit; convert it to JSON (srm reads larger JSON)",
            MAX_YAML >> 20
        )));
    }
    let options = crate::load::yaml_options(text.len());
    let template: CfnYaml = serde_saphyr::from_str_with_options(text, options)
        .map_err(|e| InventoryError::yaml(&e, "the template"))?;
    let Some(resources) = template.resources else {
        return Err(InventoryError::new(UNKNOWN));
    };
    for (id, r) in resources.0 {
        let paths = paths(index, Family::CloudFormation, &r.ty);
        let values = fields::values_of(r.properties.as_ref(), paths, Spelling::AsWritten);
        emit(
            Format::CloudFormation,
            sink,
            Side::Current,
            &id,
            &r.ty,
            r.condition.is_some(),
            &values,
        );
    }
    Ok(Format::CloudFormation)
}
