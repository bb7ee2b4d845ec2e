// The baseline of B1: a bare socket.io 4 server (no Nest, no database, no adapter) with the live service's transport
// settings, answering `session:join` by joining one room and broadcasting, when the parent says so over IPC, a
// `question:changed` event shaped like the live service's to that room. Started by bench/lib/live-bench.ts.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const server = createServer((request, response) => {
  response.writeHead(request.url === '/healthz' ? 200 : 404).end();
});
const io = new Server(server, {
  path: '/live/socket.io',
  serveClient: false,
  transports: ['websocket'],
  maxHttpBufferSize: 64 * 1024,
  perMessageDeflate: false,
  httpCompression: false,
  pingInterval: 20_000,
  pingTimeout: 20_000,
  connectTimeout: 10_000,
});

io.on('connection', (socket) => {
  socket.on('session:join', (payload: { sessionId: string }, ack: (response: unknown) => void) => {
    void socket.join(`session:${payload.sessionId}`);
    ack({ ok: true, data: { sessionId: payload.sessionId, seq: 0 } });
  });
});

let seq = 0;
process.on('message', (message: { type: 'emit'; sessionId: string; text: string; questionId: string }) => {
  seq += 1;
  io.to(`session:${message.sessionId}`).emit('question:changed', {
    sessionId: message.sessionId,
    seq,
    questionId: message.questionId,
    question: {
      id: message.questionId,
      sessionId: message.sessionId,
      text: message.text,
      askerName: null,
      anonymous: false,
      source: 'floor',
      status: 'approved',
      votes: 0,
      highlighted: false,
      mine: false,
      createdAt: new Date().toISOString(),
      editedByModerator: false,
    },
  });
});

server.listen(Number(process.env['RAW_PORT']), '127.0.0.1');
process.on('SIGTERM', () => {
  void io.close();
  process.exit(0);
});
