//! Long human output, pinned with insta snapshots (review changes with `cargo insta review`, or
//! rerun with `INSTA_UPDATE=always` and read the diff before committing).

use crate::stdout_of;

macro_rules! snap {
    ($name:ident, $($arg:expr),*) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(stdout_of(&[$($arg),*]));
        }
    };
}

snap!(matrix, "matrix");
snap!(diff_iaas_saas, "diff", "iaas", "saas", "--all");
snap!(retained, "retained");
snap!(who_os_paas, "who", "--layer", "os", "--model", "paas");
snap!(
    who_ai_platform_paas,
    "who",
    "--layer",
    "ai-platform",
    "--model",
    "paas"
);
snap!(
    who_mine_under_paas,
    "who",
    "--model",
    "paas",
    "--owner",
    "customer"
);
snap!(layers, "layers");
snap!(models, "models");
snap!(checklist_paas, "checklist", "paas");
snap!(explain_identity, "explain", "identity");
snap!(explain_paas, "explain", "paas");
snap!(
    checklist_paas_markdown,
    "checklist",
    "paas",
    "--format",
    "markdown"
);
snap!(matrix_markdown, "matrix", "--format", "markdown");
// The help of the commands whose options are declared most indirectly (`commands!`, deferred
// arguments, the formats and schema names each offers), so that a change to how they are
// declared shows in what people read.
snap!(help, "--help");
snap!(help_who, "who", "--help");
snap!(help_controls, "controls", "--help");
snap!(help_schema, "schema", "--help");
snap!(help_plan, "plan", "--help");
