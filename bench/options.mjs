// Command-line options of bench/run.mjs. Pure: parseOptions(argv) -> options or throws.

export const scenarioNames = [
  'apple-ll-hls', 'ams-ll-hls', 'ams-hls', 'real-encoder',
  'before-start', 'before-start-hls', 'restart', 'restart-hls', 'outage', 'backup', 'many-viewers', 'heap', 'sizes',
];
export const soakKindNames = ['apple-ll-hls', 'ams-ll-hls', 'ams-hls', 'real-encoder'];

export const usage = `Usage: npm run bench -- [options]

  --scenario NAME     run only this scenario (repeatable): ${scenarioNames.join(', ')}
  --duration SECONDS  playback length of each playback scenario (default 60)
  --runs N            runs of the opened-before-start scenario (default 10)
  --soak MINUTES      instead: all three players on each stream kind in turn for MINUTES;
                      prints latency, stalls and the element's return to its target each
                      minute; writes bench/results-soak.json
  --soak-kind KIND    soak only this kind (repeatable): ${soakKindNames.join(', ')}
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
  const options = { scenarios: [], duration: 60, runs: 10, soak: null, soakKinds: [], out: null, help: false };
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
  if (options.soakKinds.length === 0) options.soakKinds = [...soakKindNames];
  options.full = options.scenarios.length === 0;
  if (options.full) options.scenarios = [...scenarioNames];
  options.out ??= options.soak ? 'bench/results-soak.json' : options.full ? 'bench/results.json' : 'bench/results-partial.json';
  return options;
}
