import { Command, CommanderError, Option } from "commander";
import { type AgreementFlags, agreement } from "./agreement";
import { Fatal } from "./common";
import { type ImportFlags, importTraces } from "./import-traces";

// The `assay` command. Each subcommand has its own --help. Exit status: 0 success, 1 the
// command ran but found problems (e.g. rejected rows), 2 it could not do its work (bad
// arguments, server unreachable).

function program(): Command {
  const assay = new Command("assay")
    .description("Assay from the command line: talks to an Assay server with an API key (ASSAY_API_KEY), or computes locally.")
    .exitOverride();
  const importCommand = assay.command("import").description("send data to Assay").exitOverride();
  importCommand
    .command("traces")
    .description("import traces from a JSONL or CSV file, in batches through POST /api/v1/traces")
    .argument("<file>", "the JSONL (one trace per line) or CSV file")
    .requiredOption("--url <url>", "Assay's address")
    .addOption(new Option("--format <format>", "default: from the file name (.csv is CSV, anything else JSONL)").choices(["jsonl", "csv"]))
    .option(
      "--map <col=field,...>",
      "CSV columns to trace fields (id, name, input, output, tags, sessionId, userId, release, promptVersion, startTime, endTime, metadata.<key>); without it the header names are guessed",
    )
    .option("--tag-separator <s>", "splits a CSV tags cell", ",")
    .option("--batch <n>", "traces per request, at most 1000", "500")
    .option("--resume-from <line>", "skip lines (JSONL) or rows (CSV, the header is row 1) before LINE", "1")
    .option(
      "--id-prefix <p>",
      'rows without an id get "P:<line>" (default: derived from the file\'s content), so importing a file twice merges instead of duplicating',
    )
    .addHelpText("after", "\nExit status: 0 all rows accepted, 1 some rejected, 2 the import stopped (the message says which line to resume from).")
    .exitOverride()
    .action(async (file: string, flags: ImportFlags) => {
      process.exitCode = await importTraces(file, flags);
    });
  assay
    .command("agreement")
    .description("inter-rater agreement of one criterion from a CSV file of item,rater,value rows (computed locally)")
    .argument("<file>", "CSV with a header naming item, rater and value; an empty value is a missing rating")
    .addOption(new Option("--level <level>", "the criterion's measurement level").choices(["nominal", "ordinal", "interval", "ratio"]).makeOptionMandatory())
    .option(
      "--scale <v1,v2,...>",
      "the possible values in their declared order (lowest first); without it values are numbers in numeric order (or, for nominal, any text)",
    )
    .option("--seed <n>", "seed of the bootstrap interval: the same data and seed give the same interval", "1")
    .option("--resamples <n>", "bootstrap resamples, at least 1000", "1000")
    .option("--minimum <alpha>", "the smallest acceptable α: the output says how likely α is below it", "0.667")
    .addHelpText(
      "after",
      "\nPrints one JSON object: alpha, ci95, percentAgreement, κ per pair of raters, Fleiss' κ, Gwet's AC1; a null has its reason beside it.\nExit status: 0 done, 2 bad input (the message names the line).",
    )
    .exitOverride()
    .action(async (file: string, flags: AgreementFlags) => {
      process.exitCode = await agreement(file, flags);
    });
  return assay;
}

try {
  await program().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with status 0.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    const e = error as NodeJS.ErrnoException;
    console.error(`assay: ${error instanceof Fatal || e.code === "ENOENT" ? e.message : e.stack}`);
    process.exitCode = 2;
  }
}
