import { Command, CommanderError, Option } from 'commander';
import { deleteCommand, type DeleteFlags } from './commands/delete';
import { importCommand, type ImportFlags } from './commands/import';
import { listCommand, type ListFlags } from './commands/list';
import { statusCommand, type StatusFlags } from './commands/status';
import type { CommandContext } from './command-context';
import { resolveConnection, type ConnectionFlags } from './connection';
import { EXIT, formatError, isCliError, type ExitCode } from './errors';
import { parseDuration, parseSize } from './format';
import { openHarvesterWithClientNode, type OpenHarvester } from './harvester-api';
import { processIo, redactingIo, type Io } from './io';
import { RancherClient } from './rancher-client';

// Wiring only: the command line grammar and the exit codes. Each command lives in commands/.

const CLI_VERSION: string = require('./package.json').version;

export interface RunDeps {
  /** How --harvester-kubeconfig is opened (tests may swap it). */
  openHarvester?: OpenHarvester;
}

interface GlobalFlags extends ConnectionFlags {
  verbose?: boolean;
  requestTimeout: string;
  maxResponseSize: string;
}

const HELP_AFTER = `
Connection (flag, else environment, else the --context of the config file):
  --server / RANCHER_URL      Rancher's URL, e.g. https://rancher.example.com
  --token / RANCHER_TOKEN     API key (token-xxxxx:secret); prefer the variable, flags show in ps
  --ca-cert / RANCHER_CA_CERT PEM file of the CA that signed Rancher's certificate
  --context / HARVESTER_MANAGER_CONTEXT, --config / HARVESTER_MANAGER_CONFIG
                              (default ~/.config/harvester-manager/config.yaml)

Exit codes:
  0 ok   1 error   2 usage (bad flag, argument or name)   3 timed out   4 forbidden by Rancher RBAC

Docs: docs/cli.md`;

const USAGE_CODES = new Set([
  'commander.unknownOption', 'commander.unknownCommand', 'commander.missingArgument', 'commander.optionMissingArgument',
  'commander.missingMandatoryOptionValue', 'commander.invalidArgument', 'commander.excessArguments', 'commander.conflictingOption',
]);

function waitOptions(cmd: Command, defaultTimeout: string): Command {
  return cmd
    .option('--timeout <duration>', 'how long to wait (90s, 10m, 1h)', defaultTimeout)
    .option('--interval <duration>', 'how often to look while waiting', '2s');
}

function outputOption(): Option {
  return new Option('-o, --output <format>', 'table, json or yaml').choices(['table', 'json', 'yaml']).default('table');
}

export function buildProgram(io: Io & { addSecret(secret: string | undefined): void }, deps: RunDeps): Command {
  const program = new Command('harvester-manager');
  let client: RancherClient | undefined;

  const context = (cmd: Command): CommandContext => {
    const globals = cmd.optsWithGlobals() as GlobalFlags;

    return {
      io,
      openHarvester: deps.openHarvester || openHarvesterWithClientNode,
      progress:      (line) => io.stderr(`${ line }\n`),
      rancher:       () => {
        if (!client) {
          const connection = resolveConnection(globals, io.env, io.home);

          io.addSecret(connection.token);
          client = new RancherClient(connection, {
            log:              globals.verbose ? (line) => io.stderr(`${ line }\n`) : undefined,
            notice:           (line) => io.stderr(`${ line }\n`),
            timeoutMs:        parseDuration(globals.requestTimeout, '--request-timeout'),
            maxResponseBytes: parseSize(globals.maxResponseSize, '--max-response-size'),
            sleep:            io.sleep,
            now:              io.now,
          });
        }

        return client;
      },
    };
  };

  program
    .version(CLI_VERSION, '-V, --version')
    .description('Import Harvester clusters into Rancher, follow their registration, list and delete them.')
    .option('--server <url>', 'Rancher URL (env RANCHER_URL)')
    .option('--token <token>', 'Rancher API token (env RANCHER_TOKEN; never printed)')
    .option('--ca-cert <file>', 'PEM CA bundle to trust for Rancher (env RANCHER_CA_CERT)')
    .option('--insecure-skip-tls-verify', 'do not verify Rancher\'s TLS certificate (test setups only)')
    .option('--context <name>', 'use a context of the config file (env HARVESTER_MANAGER_CONTEXT)')
    .option('--config <file>', 'config file with contexts (env HARVESTER_MANAGER_CONFIG)')
    .option('-v, --verbose', 'log every API request to stderr (the token is masked)')
    .option('--request-timeout <duration>', 'how long one API request may take, its whole answer included; reads are asked up to 3 times', '30s')
    .option('--max-response-size <size>', 'largest answer accepted from Rancher (64Mi, 512Ki, 1Gi)', '64Mi')
    .addHelpText('after', HELP_AFTER)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });

  waitOptions(program.command('import')
    .description('Create a Harvester cluster in Rancher (idempotent) and print its registration URL and commands')
    .argument('<name>', 'cluster name: lowercase letters, digits and "-", at most 63')
    .option('--description <text>', 'cluster description')
    .option('--label <key=value>', 'label for the cluster (repeatable)', (v: string, all: string[] | undefined) => [...(all || []), v])
    .option('--harvester-kubeconfig <file>', 'also set Harvester\'s cluster-registration-url through this kubeconfig')
    .option('--harvester-context <name>', 'context in --harvester-kubeconfig (default: its current context)')
    .option('--registration-insecure', 'Harvester v1.7.2+: register with insecureSkipTLSVerify: true (self-signed Rancher)')
    .option('--replace-registration-url', 'overwrite a cluster-registration-url that points elsewhere')
    .option('--wait', 'follow the registration until the cluster is Active')
    .option('--dry-run', 'change nothing; print what would happen')
    .addOption(outputOption()), '10m')
    .action(async(name: string, flags: ImportFlags, cmd: Command) => importCommand(name, flags, context(cmd)));

  program.command('list')
    .description('List the Harvester clusters you can see: name, state, Harvester version, age')
    .addOption(outputOption())
    .option('--page-size <n>', 'clusters per API request (the server pages)', '100')
    .option('--no-versions', 'skip fetching each Active cluster\'s Harvester version')
    .action(async(flags: ListFlags, cmd: Command) => listCommand(flags, context(cmd)));

  waitOptions(program.command('status')
    .description('Show a Harvester cluster: state, conditions, registration timeline and, when stalled, the remedy')
    .argument('<name>', 'cluster name (or id, e.g. fleet-default/c-xxxxx)')
    .option('--wait', 'wait until the cluster is Active')
    .addOption(outputOption()), '10m')
    .action(async(name: string, flags: StatusFlags, cmd: Command) => statusCommand(name, flags, context(cmd)));

  waitOptions(program.command('delete')
    .description('Remove a Harvester cluster from Rancher (through the Rancher API only) after showing what goes and what stays')
    .argument('<name>', 'cluster name (or id, e.g. fleet-default/c-xxxxx)')
    .option('-y, --yes', 'do not ask for the typed cluster name')
    .option('--dry-run', 'change nothing; print the plan and the request a real run sends')
    .option('--no-wait', 'return once Rancher accepted the delete')
    .option('--ignore-not-found', 'exit 0 when there is no such cluster')
    .addOption(outputOption()), '5m')
    .action(async(name: string, flags: DeleteFlags, cmd: Command) => deleteCommand(name, flags, context(cmd)));

  return program;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. Never throws. */
export async function run(argv: readonly string[], io: Io = processIo(), deps: RunDeps = {}): Promise<ExitCode> {
  const safeIo = redactingIo(io);
  const tokenAt = argv.findIndex((a) => a === '--token' || a.startsWith('--token='));

  // The token is secret from the first moment, even if parsing fails before it is used.
  safeIo.addSecret(tokenAt < 0 ? undefined : argv[tokenAt].startsWith('--token=') ? argv[tokenAt].slice(8) : argv[tokenAt + 1]);
  safeIo.addSecret(io.env.RANCHER_TOKEN);

  const program = buildProgram(safeIo, deps);

  try {
    if (!argv.length) {
      program.outputHelp();

      return EXIT.USAGE;
    }
    await program.parseAsync([...argv], { from: 'user' });

    return EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') {
        return EXIT.OK;
      }

      return USAGE_CODES.has(e.code) ? EXIT.USAGE : EXIT.ERROR;
    }
    if (isCliError(e)) {
      safeIo.stderr(formatError(e));

      return e.exitCode;
    }
    safeIo.stderr(`Error: unexpected failure: ${ (e as Error)?.stack || e }\nFix: this is a bug in harvester-manager; please report it with the command you ran (use --verbose).\n`);

    return EXIT.ERROR;
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
