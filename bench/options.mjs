// Command-line options of bench/run.mjs. Pure: parseOptions(argv) -> options or throws.

import { shapeNames } from './shapes.mjs';

export const scenarioNames = [
  'apple-ll-hls', 'ams-ll-hls', 'ams-hls', 'hls-1s', 'real-encoder',
  'before-start', 'before-start-hls', 'before-start-1s', 'restart', 'restart-hls', 'restart-1s', 'outage',
  'backup', 'backup-1s', 'many-viewers', 'heap', 'sizes',
];
export const soakKindNames = ['apple-ll-hls', 'ams-ll-hls', 'ams-hls', 'hls-1s', 'real-encoder'];

export const usage = `Usage: npm run bench -- [options]

  --scenario NAME     run only this scenario (repeatable): ${scenarioNames.join(', ')}
  --duration SECONDS  playback length of each playback scenario (default 60)
  --runs N            runs of the opened-before-start scenario (default 10)
  --soak MINUTES      instead: all three players on each stream kind in turn for MINUTES;
                      prints latency, stalls and the element's return to its target each
                      minute; writes bench/results-soak.json
  --soak-kind KIND    soak only this kind (repeatable): ${soakKindNames.join(', ')}
  --matrix            instead: every stream shape (segments of 1 to 6 s, parts of 0.2 to 1 s,
                      MPEG-TS and fMP4, publish jitter, a real encoder) in turn, all three
                      players for --duration each; writes bench/results-matrix.json
  --shape NAME        with --matrix, only this shape (repeatable): ${shapeNames.join(', ')}
  --out FILE          where to write the results (default bench/results.json for a full run,
                      bench/results-partial.json when --scenario picks some)
  --help              this text`;

function positiveNumber(name, text, { integer = false } = {}) {
  const value = Number(text);
  if (text === undefined || text === '' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} needs a positive ${integer ? 'whole number' : 'number'}, got ${JSON.stringify(text ?? '')}`);
  }
  return value;
}

export function parseOptions(argv) {
  const options = { scenarios: [], duration: 60, runs: 10, soak: null, soakKinds: [], matrix: false, shapes: [], out: null, help: false };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const [flag, inline] = argument.startsWith('--') && argument.includes('=') ? argument.split(/=(.*)/s, 2) : [argument, undefined];
    const next = () => (inline !== undefined ? inline : argv[++index]);
    switch (flag) {
      case '--scenario': {
        const name = next();
        if (!scenarioNames.includes(name)) throw new Error(`--scenario: unknown scenario ${JSON.stringify(name ?? '')}; one of ${scenarioNames.join(', ')}`);
        if (!options.scenarios.includes(name)) options.scenarios.push(name);
        break;
      }
      case '--duration': options.duration = positiveNumber('--duration', next()); break;
      case '--runs': options.runs = positiveNumber('--runs', next(), { integer: true }); break;
      case '--soak': options.soak = positiveNumber('--soak', next(), { integer: true }); break;
      case '--soak-kind': {
        const kind = next();
        if (!soakKindNames.includes(kind)) throw new Error(`--soak-kind: unknown kind ${JSON.stringify(kind ?? '')}; one of ${soakKindNames.join(', ')}`);
        if (!options.soakKinds.includes(kind)) options.soakKinds.push(kind);
        break;
      }
      case '--matrix': options.matrix = true; break;
      case '--shape': {
        const shape = next();
        if (!shapeNames.includes(shape)) throw new Error(`--shape: unknown shape ${JSON.stringify(shape ?? '')}; one of ${shapeNames.join(', ')}`);
        if (!options.shapes.includes(shape)) options.shapes.push(shape);
        break;
      }
      case '--out': {
        const file = next();
        if (!file) throw new Error('--out needs a file name');
        options.out = file;
        break;
      }
      case '--help': case '-h': options.help = true; break;
      default: throw new Error(`unknown option ${JSON.stringify(argument)}`);
    }
  }
  if (options.shapes.length > 0 && !options.matrix) throw new Error('--shape needs --matrix');
  if (options.matrix && (options.soak || options.scenarios.length > 0)) throw new Error('--matrix runs alone: not with --soak or --scenario');
  if (options.soakKinds.length === 0) options.soakKinds = [...soakKindNames];
  options.full = options.scenarios.length === 0;
  if (options.full) options.scenarios = [...scenarioNames];
  options.out ??= options.matrix ? 'bench/results-matrix.json' : options.soak ? 'bench/results-soak.json' : options.full ? 'bench/results.json' : 'bench/results-partial.json';
  return options;
}
