import { cli } from './cli.ts';

// The `livemodel` process: the command line of src/cli/cli.ts with this process's arguments.
cli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
