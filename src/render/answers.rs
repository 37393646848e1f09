//! Each answer's forms: its table, its records and, where it has one, its own Markdown,
//! what its scope left out, and the formats only it has. [`super::Answer`] says what each
//! method is for; the layouts themselves are in `table.rs` and `markdown.rs`.

use super::records::{CELL_HEADER, Records, basis, cell_record, header, lines};
use super::{Answer, Format, LeftOut, Style, markdown, picture, records, table};
use crate::query::{
    Checklist, ControlExplain, ControlsDiff, ControlsReport, Diff, Explain, Find, Kind, Layers,
    Matrix, Models, Retained, Services, Who,
};

impl Answer for Who<'_> {
    /// A table keeps its shape whatever the number of rows: one cell is a table of one (`srm
    /// explain` is the form that tells everything about one row).
    fn table(&self, style: Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        table::who_table(self, style, out)
    }

    fn records(&self) -> Records {
        Records {
            header: header(CELL_HEADER),
            rows: self.cells.iter().map(cell_record).collect(),
        }
    }

    fn markdown(&self) -> String {
        markdown::who(self)
    }

    fn left_out(&self) -> Option<LeftOut> {
        Some(LeftOut::layers(self.scope, self.left_out))
    }
}

impl Answer for Diff<'_> {
    fn table(&self, style: Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        table::diff(self, style, out)
    }

    fn records(&self) -> Records {
        let mut rows = Vec::new();
        for c in self.changes.iter() {
            rows.push(vec![
                c.id.to_string(),
                c.layer.to_string(),
                c.name.to_string(),
                c.from_owner.to_string(),
                c.to_owner.to_string(),
                c.direction.as_str().to_string(),
            ]);
            for p in &c.rows {
                rows.push(vec![
                    p.id.to_string(),
                    p.layer.to_string(),
                    p.name.to_string(),
                    p.from_owner.to_string(),
                    p.to_owner.to_string(),
                    p.direction.as_str().to_string(),
                ]);
            }
        }
        Records {
            header: header(&["id", "layer", "name", "from_owner", "to_owner", "direction"]),
            rows,
        }
    }

    fn markdown(&self) -> String {
        markdown::diff(self)
    }

    fn left_out(&self) -> Option<LeftOut> {
        Some(LeftOut::layers(self.scope, self.left_out))
    }
}

impl Answer for Retained<'_> {
    fn table(&self, style: Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        table::retained(self, style, out)
    }

    fn records(&self) -> Records {
        Records {
            header: header(&["id", "layer", "name", "duties", "sources"]),
            rows: self
                .rows
                .iter()
                .map(|row| {
                    let sources: Vec<&str> = row.sources.iter().map(|s| s.id).collect();
                    vec![
                        row.id.to_string(),
                        row.layer.to_string(),
                        row.name.to_string(),
                        lines(&row.duties.customer),
                        lines(&sources),
                    ]
                })
                .collect(),
        }
    }

    fn markdown(&self) -> String {
        markdown::retained(self)
    }

    fn left_out(&self) -> Option<LeftOut> {
        Some(LeftOut::rows(self.scope, self.left_out))
    }
}

impl Answer for Matrix<'_> {
    fn table(&self, style: Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        table::matrix(self, style, out)
    }

    fn records(&self) -> Records {
        let mut head = header(&["id", "layer", "name"]);
        head.extend(self.models.iter().map(|h| h.key.to_string()));
        head.push("retained".to_string());
        let mut rows = Vec::new();
        for l in self.layers.iter() {
            let mut row = vec![l.id.to_string(), l.id.to_string(), l.name.to_string()];
            row.extend(l.owners.owners().map(|o| o.to_string()));
            row.push(l.retained.to_string());
            rows.push(row);
            for p in &l.rows {
                let mut row = vec![p.id.to_string(), p.layer.to_string(), p.name.to_string()];
                row.extend(p.owners.owners().map(|o| o.to_string()));
                row.push(p.retained.to_string());
                rows.push(row);
            }
        }
        Records { header: head, rows }
    }

    fn left_out(&self) -> Option<LeftOut> {
        Some(LeftOut::layers(self.scope, self.left_out))
    }

    fn has_own(&self, format: Format) -> bool {
        matches!(format, Format::Html | Format::Svg)
    }

    fn own(&self, format: Format) -> anyhow::Result<String> {
        Ok(match format {
            Format::Svg => picture::svg(self),
            _ => picture::html(self),
        })
    }
}

impl Answer for Layers<'_> {
    fn table(&self, style: Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(table::layers(self, style).as_bytes())
    }

    fn records(&self) -> Records {
        Records {
            header: header(&["id", "name", "scope", "aliases", "description", "rows"]),
            rows: self
                .layers
                .iter()
                .map(|l| {
                    let parts: Vec<&str> = l.rows.iter().map(|p| p.id).collect();
                    vec![
                        l.id.to_string(),
                        l.name.to_string(),
                        l.scope.to_string(),
                        l.aliases.join("\n"),
                        l.description.unwrap_or_default().to_string(),
                        lines(&parts),
                    ]
                })
                .collect(),
        }
    }

    fn left_out(&self) -> Option<LeftOut> {
        Some(LeftOut::layers(self.scope, self.left_out))
    }
}

impl Answer for Models<'_> {
    fn table(&self, style: Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(table::models(self, style).as_bytes())
    }

    fn records(&self) -> Records {
        Records {
            header: header(&["id", "name", "aliases", "description"]),
            rows: self
                .models
                .iter()
                .map(|m| {
                    vec![
                        m.id.to_string(),
                        m.name.to_string(),
                        m.aliases.join("\n"),
                        m.description.unwrap_or_default().to_string(),
                    ]
                })
                .collect(),
        }
    }
}

impl Answer for Services<'_> {
    fn table(&self, style: Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(table::services(self, style).as_bytes())
    }

    fn records(&self) -> Records {
        Records {
            header: header(&[
                "id",
                "name",
                "provider",
                "base_model",
                "default_variant",
                "variants",
                "evidence",
                "aliases",
                "vendor_label",
            ]),
            rows: self
                .services
                .iter()
                .map(|s| {
                    let variants: Vec<&str> = s.variants.iter().map(|v| v.id).collect();
                    vec![
                        s.id.to_string(),
                        s.name.to_string(),
                        s.provider.to_string(),
                        s.base_model.to_string(),
                        s.default_variant.unwrap_or_default().to_string(),
                        variants.join("\n"),
                        s.evidence.as_str().to_string(),
                        s.aliases.join("\n"),
                        s.vendor_label.unwrap_or_default().to_string(),
                    ]
                })
                .collect(),
        }
    }
}

impl Answer for Checklist<'_> {
    fn table(&self, style: Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        table::checklist(self, style, out)
    }

    fn records(&self) -> Records {
        let mut rows = Vec::new();
        for row in &self.rows {
            let line = |duty: &str| {
                vec![
                    row.layer.to_string(),
                    row.id.to_string(),
                    row.owner.to_string(),
                    duty.to_string(),
                    row.note.unwrap_or_default().to_string(),
                    String::new(),
                ]
            };
            if row.duties.is_empty() {
                rows.push(line(""));
            }
            rows.extend(row.duties.iter().map(|d| line(d)));
        }
        Records {
            header: header(&["layer", "row", "owner", "duty", "note", "status"]),
            rows,
        }
    }

    fn markdown(&self) -> String {
        markdown::checklist(self)
    }

    fn left_out(&self) -> Option<LeftOut> {
        Some(LeftOut::rows(self.scope, self.left_out))
    }
}

impl Answer for Explain<'_> {
    fn table(&self, style: Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(table::explain(self, style).as_bytes())
    }

    fn records(&self) -> Records {
        Records {
            header: header(CELL_HEADER),
            rows: self.cells.iter().map(cell_record).collect(),
        }
    }

    fn markdown(&self) -> String {
        markdown::explain(self)
    }

    /// An owner word has no cells, the records CSV is made of: say so rather than print a
    /// header alone.
    fn refuses(&self, format: Format) -> Option<String> {
        (self.kind == Kind::Owner && format == Format::Csv).then(|| {
            format!(
                "`srm explain {}` explains an owner word, which has no cells to list as CSV; use --format table, json, yaml or markdown",
                self.id
            )
        })
    }
}

impl Answer for Find<'_> {
    fn table(&self, style: Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(table::find(self, style).as_bytes())
    }

    fn records(&self) -> Records {
        let mut head = header(&["id", "layer", "name", "score", "matched"]);
        if let Some(first) = self.rows.first() {
            head.extend(first.owners.keys().iter().map(|m| m.to_string()));
        }
        let rows = self
            .rows
            .iter()
            .map(|r| {
                let mut row = vec![
                    r.id.to_string(),
                    r.layer.to_string(),
                    r.name.to_string(),
                    r.score.to_string(),
                    r.matched.join("\n"),
                ];
                row.extend(r.owners.owners().map(|o| o.to_string()));
                row
            })
            .collect();
        Records { header: head, rows }
    }

    fn markdown(&self) -> String {
        markdown::find(self)
    }

    fn left_out(&self) -> Option<LeftOut> {
        Some(LeftOut::rows(self.scope, self.left_out))
    }

    /// Like grep, a search that finds nothing (no row, nothing named) prints its answer and
    /// exits 1, so that a script can tell (`srm find x && …`).
    fn found(&self) -> bool {
        !(self.rows.is_empty() && self.see.is_empty())
    }
}

impl Answer for ControlsReport<'_> {
    fn table(&self, style: Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        table::controls(self, style, out)
    }

    fn records(&self) -> Records {
        Records {
            header: header(&[
                "id",
                "label",
                "family",
                "title",
                "owner",
                "can_be_inherited",
                "basis",
                "rows",
            ]),
            rows: self
                .controls
                .iter()
                .map(|r| {
                    let rows: Vec<String> = r
                        .rows
                        .iter()
                        .map(|b| format!("{}={}", b.id, b.owner))
                        .collect();
                    vec![
                        r.id.to_string(),
                        r.label.to_string(),
                        r.family.to_string(),
                        r.title.to_string(),
                        r.owner.to_string(),
                        r.can_be_inherited.to_string(),
                        basis(r.basis).to_string(),
                        rows.join("\n"),
                    ]
                })
                .collect(),
        }
    }

    fn markdown(&self) -> String {
        markdown::controls(self)
    }

    fn left_out(&self) -> Option<LeftOut> {
        Some(LeftOut::rows_behind(
            self.scope,
            self.left_out,
            "these controls",
        ))
    }

    fn maps_controls(&self) -> bool {
        self.catalog_maps_controls
    }

    fn has_own(&self, format: Format) -> bool {
        matches!(format, Format::Crm(_))
    }

    fn own(&self, format: Format) -> anyhow::Result<String> {
        let Format::Crm(crm) = format else {
            anyhow::bail!("a control list has no {} of its own", format.name());
        };
        records::crm(self, crm)
    }
}

impl Answer for ControlExplain<'_> {
    fn table(&self, style: Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(table::control(self, style).as_bytes())
    }

    fn records(&self) -> Records {
        Records {
            header: header(&["id", "label", "model", "owner", "can_be_inherited"]),
            rows: self
                .cells
                .iter()
                .map(|cell| {
                    vec![
                        self.id.to_string(),
                        self.label.to_string(),
                        cell.model.to_string(),
                        cell.owner.to_string(),
                        cell.can_be_inherited.to_string(),
                    ]
                })
                .collect(),
        }
    }

    fn left_out(&self) -> Option<LeftOut> {
        Some(LeftOut::rows_behind(
            self.scope,
            self.left_out,
            "this control",
        ))
    }

    fn maps_controls(&self) -> bool {
        self.catalog_maps_controls
    }
}

impl Answer for ControlsDiff<'_> {
    fn table(&self, style: Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(table::controls_diff(self, style).as_bytes())
    }

    fn records(&self) -> Records {
        Records {
            header: header(&[
                "id",
                "label",
                "title",
                "from_owner",
                "to_owner",
                "direction",
            ]),
            rows: self
                .changes
                .iter()
                .map(|c| {
                    vec![
                        c.id.to_string(),
                        c.label.to_string(),
                        c.title.to_string(),
                        c.from_owner.to_string(),
                        c.to_owner.to_string(),
                        c.direction.as_str().to_string(),
                    ]
                })
                .collect(),
        }
    }

    fn left_out(&self) -> Option<LeftOut> {
        Some(LeftOut::rows_behind(
            self.scope,
            self.left_out,
            "these controls",
        ))
    }

    fn maps_controls(&self) -> bool {
        self.catalog_maps_controls
    }
}
