// The limits of the places reports are read in, each with where it is documented. Past one of
// them a platform drops the report whole (the step summary, a comment, a SARIF upload) or shows
// only part of it (annotations, code-scanning alerts): the reporters keep under them, worst
// first, and say what they left out and where all of it is.

/**
 * GitHub Actions: a step's summary ($GITHUB_STEP_SUMMARY) over 1 MiB is not shown at all ("Adding
 * a job summary": "each step is restricted to a maximum size of 1MiB"; actions/runner,
 * CreateStepSummaryCommand.AttachmentSizeLimit = 1024 * 1024, compared with the file's length in
 * bytes). The file is the whole step's: what earlier commands of the step wrote counts too.
 */
export const STEP_SUMMARY_BYTES = 1024 * 1024;

/**
 * GitHub: the body of an issue or pull-request comment, "Body is too long (maximum is 65536
 * characters)" (REST API, "Create an issue comment", 422). Measured here in UTF-8 bytes, which are
 * never fewer than the characters, however GitHub counts them.
 */
export const COMMENT_CHARACTERS = 65_536;

/**
 * Room a comment leaves for what the step that posts it adds around the report: the hidden marker
 * that finds the comment to update, a heading, a link to the run.
 */
export const COMMENT_HEADROOM = 1_024;

/**
 * GitHub Actions shows 10 error, 10 warning and 10 notice annotations per step and 50 per job; the
 * rest are dropped (actions/toolkit, docs/problem-matchers.md, "Limitations": "10 warning
 * annotations and 10 error annotations per step", "50 annotations per job"). Notices are limited
 * the same way: an 11th is not shown. Three levels of 10 stay under the job's 50.
 */
export const ANNOTATIONS_PER_LEVEL = 10;

/**
 * GitHub code scanning ("SARIF support for code scanning", "Validating your SARIF file"; and
 * "Troubleshooting SARIF uploads", "SARIF results exceed one or more limits" / "SARIF file is too
 * large"). An upload past a maximum is rejected whole:
 * - results per run: 25,000 (of them only the top 5,000 are kept, by severity);
 * - rules per run: 25,000;
 * - locations per result: 1,000 (of them only 100 are kept);
 * - tags per rule: 20 (of them only 10 are kept): partner-eval's rules carry one;
 * - runs per file: 20: partner-eval writes one;
 * - the file: 10 MB, gzip-compressed (counted here as 10,000,000 bytes of the gzip of the text as
 *   written, which is never smaller than that of the compact JSON the upload action sends).
 */
export const SARIF_LIMITS = {
  resultsPerRun: 25_000,
  resultsKept: 5_000,
  rulesPerRun: 25_000,
  locationsKept: 100,
  gzipBytes: 10_000_000,
};
export type SarifLimits = typeof SARIF_LIMITS;
