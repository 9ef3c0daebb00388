export {
  charactersPerLine,
  DEFAULT_TICKET_LABELS,
  dotWidth,
  escapeReceiptline,
  escapeReceiptlineProperty,
  isShiftJisPrintable,
  renderTicket,
  renderTicketBitmap,
  renderTicketPng,
  renderTextLineBitmap,
  renderTicketSvg,
  ticketDocument,
  type PrinterProfile,
  type RenderOptions,
  type TicketLabelKey,
  type TicketLayoutInput,
  type TicketTranslation,
  type TranslatedLine,
} from './ticket-layout.js';
// the status protocol itself (requests, answer bits, the simulator's answers) stays inside the package
export { unreachableStatus, type PrinterState, type PrinterStatus } from './status.js';
export { PrintQueue, type JobOutcome, type PrintJob, type PrintQueueOptions } from './print-queue.js';
export { realTimer, TransportClosedError, TransportTimeoutError, type PrinterTransport, type SetTimer } from './transports/transport.js';
export { TcpTransport, type TcpTransportOptions } from './transports/tcp-transport.js';
export { UsbLpTransport, type UsbLpTransportOptions } from './transports/usb-lp-transport.js';
export { FileTransport, type FileTransportOptions } from './transports/file-transport.js';
export { decodeEscPos, detectDialect, type DecodeOptions } from './sim/decode.js';
export type { Align, DecodedImage, DecodedLine, DecodedQr, DecodedReceipt, DecodedSegment, ReceiptBlock } from './sim/receipt.js';
export { renderReceipt, toPng, toSvg, type RenderedReceipt } from './sim/render.js';
export { PrinterSimulator, type PrinterSimulatorOptions, type SimulatedReceipt } from './sim/server.js';
export { SIMULATOR_STATES, type SimulatorState } from './sim/state.js';
