// `npm run printer-sim -- --port 9100 --web 9180 [--host 127.0.0.1] [--paper 58|80] [--state ok]`
import { parseArgs } from 'node:util';
import { PrinterSimulator } from './server.js';
import { SIMULATOR_STATES, type SimulatorState } from './state.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9100' },
    web: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    paper: { type: 'string', default: '80' },
    state: { type: 'string', default: 'ok' },
    dialect: { type: 'string', default: 'auto' },
  },
  strict: true,
});

function fail(message: string): never {
  process.stderr.write(`printer-sim: ${message}\n`);
  process.exit(2);
}

const port = Number(values.port);
const webPort = values.web === undefined ? undefined : Number(values.web);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`bad --port ${values.port}`);
if (webPort !== undefined && (!Number.isInteger(webPort) || webPort < 0 || webPort > 65535)) fail(`bad --web ${values.web}`);
if (values.paper !== '58' && values.paper !== '80') fail('--paper must be 58 or 80');
if (!SIMULATOR_STATES.includes(values.state as SimulatorState)) fail(`--state must be one of ${SIMULATOR_STATES.join(', ')}`);
if (!['auto', 'escpos', 'star'].includes(values.dialect)) fail('--dialect must be auto, escpos or star');

const sim = new PrinterSimulator({
  port,
  host: values.host,
  paperWidthMm: values.paper === '58' ? 58 : 80,
  dialect: values.dialect as 'auto' | 'escpos' | 'star',
  ...(webPort === undefined ? {} : { webPort }),
});
sim.setState(values.state as SimulatorState);
sim.onReceipt((receipt, info) => {
  process.stdout.write(`printer-sim: ticket #${info.id} (${info.raw.length} bytes, ${receipt.cuts} cut)\n${receipt.text.replace(/^/gm, '  ')}\n`);
});

const started = await sim.start();
process.stdout.write(`printer-sim: printer on ${values.host}:${started.port}` + (started.webPort === undefined ? '\n' : `, page on http://${values.host}:${started.webPort}/\n`));

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`printer-sim: ${signal}, closing\n`);
  await sim.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
