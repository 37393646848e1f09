//! Exit codes as a type, so that every way out of srm is one of three named outcomes.

/// How srm ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitCode {
    /// The answer was printed (also when the reader closed the pipe early).
    Success,
    /// A runtime or catalogue error.
    Failure,
    /// The command line was wrong: an unknown flag, or a layer, model or owner that does not exist.
    Usage,
}

impl ExitCode {
    pub fn code(self) -> u8 {
        match self {
            ExitCode::Success => 0,
            ExitCode::Failure => 1,
            ExitCode::Usage => 2,
        }
    }
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> Self {
        std::process::ExitCode::from(code.code())
    }
}

/// A command line that names something srm cannot do (exit 2), beyond what clap checks itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}
