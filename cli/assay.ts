import { Command, CommanderError, Option } from "commander";
import { agreement } from "./agreement";
import type { QueueAgreementFlags } from "./agreement-queue";
import { Fatal } from "./common";
import type { DiffFlags, ExportFlags } from "./dataset";
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
    .description(
      "inter-rater agreement, computed locally: of one criterion from a CSV file of item,rater,value rows, or of every criterion of a queue (--queue)",
    )
    .argument("[file]", "CSV with a header naming item, rater and value; an empty value is a missing rating")
    .addOption(new Option("--level <level>", "with a file: the criterion's measurement level").choices(["nominal", "ordinal", "interval", "ratio"]))
    .option(
      "--scale <v1,v2,...>",
      "with a file: the possible values in their declared order (lowest first); without it values are numbers in numeric order (or, for nominal, any text)",
    )
    .option(
      "--queue <id>",
      "instead of a file: the labels of this queue, downloaded with an API key (ASSAY_API_KEY) through the labels export; each rater's first submitted revision counts",
    )
    .option("--url <url>", "with --queue: Assay's address")
    .option(
      "--rubric <file>",
      "with --queue: the queue's rubric version as Assay exports it (YAML, or JSON if the name ends in .json), instead of the one the server sends with the queue; it gives each criterion's level and declared order",
    )
    .option("--seed <n>", "seed of the bootstrap interval: the same data and seed give the same interval", "1")
    .option("--resamples <n>", "bootstrap resamples, at least 1000", "1000")
    .option("--minimum <alpha>", "the smallest acceptable α: the output says how likely α is below it", "0.667")
    .addHelpText(
      "after",
      "\nWith a file, prints one JSON object: alpha, ci95, percentAgreement, κ per pair of raters, Fleiss' κ, Gwet's AC1; a null has its reason beside it.\n" +
        'With --queue, prints one such object per criterion of the rubric, one per line, with "criterion" and "type" (MULTI adds α per option and Jaccard per pair; TEXT and CORRECTION give coverage only).\n' +
        "Exit status: 0 done, 2 bad input (the message names the line or label) or the server refused.",
    )
    .exitOverride()
    .action(async (file: string | undefined, flags: QueueAgreementFlags) => {
      if (flags.queue !== undefined) {
        if (file !== undefined) throw new Fatal("give a CSV file or --queue, not both");
        // Loaded on use: the rubric parser (zod, yaml) would slow every other command's start.
        const { queueAgreement } = await import("./agreement-queue");
        process.exitCode = await queueAgreement(flags);
        return;
      }
      if (file === undefined) throw new Fatal("give a CSV file of item,rater,value rows, or --queue with --url");
      if (flags.level === undefined) throw new Fatal("with a file, --level is required: nominal, ordinal, interval or ratio");
      process.exitCode = await agreement(file, flags);
    });
  const server = (command: Command) =>
    command
      .requiredOption("--url <url>", "Assay's address")
      .option("--api-key <key>", "an API key of the project with datasets:read (FULL or ADMIN); default: ASSAY_API_KEY");
  const dataset = assay.command("dataset").description("golden datasets: compare versions").exitOverride();
  server(
    dataset
      .command("diff")
      .description("what changed between two published versions of a dataset: items added, removed and changed, with the fields that changed")
      .argument("<name>", "the dataset's name")
      .argument("<from>", "the version to compare from: its number or a tag")
      .argument("<to>", "the version to compare to: its number or a tag"),
  )
    .addOption(new Option("--format <format>", "a Markdown summary, or the whole diff as JSON (every page)").choices(["markdown", "json"]).default("markdown"))
    .addHelpText("after", "\nExit status: 0 done, 2 the server refused (the message gives its reason and code) or could not be reached.")
    .exitOverride()
    .action(async (name: string, from: string, to: string, flags: DiffFlags) => {
      const { datasetDiff } = await import("./dataset");
      process.exitCode = await datasetDiff(name, from, to, flags);
    });
  server(
    assay
      .command("export")
      .description("download a published version of a dataset in an export format, to a file or stdout")
      .requiredOption("--dataset <name>", "the dataset's name")
      .requiredOption("--version <n|tag>", "the version's number, or a tag")
      .requiredOption("--format <format>", "jsonl, csv, openai-chat, openai-preference, openai-evals, promptfoo, promptfoo-json, mlflow or hf (a zip)")
      .option("--split <name>", "only the items of this split")
      .option("-o, --output <file>", "write here (default: stdout); a failed download leaves no file"),
  )
    .addHelpText(
      "after",
      "\nOn a terminal, stderr shows how much has arrived. Exit status: 0 done, 2 the server refused (its reason and code) or the download stopped.",
    )
    .exitOverride()
    .action(async (flags: ExportFlags) => {
      const { exportDataset } = await import("./dataset");
      process.exitCode = await exportDataset(flags);
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
