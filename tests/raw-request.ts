import { connect } from 'node:net';

/**
 * Sends bytes as they are to an HTTP server and returns the head and body of
 * its answer. For what fetch refuses to send: a URL with raw, unencoded bytes.
 */
export function rawRequest(url: string, request: Buffer): Promise<{ head: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
    });
    socket.on('end', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ head, body });
    });
    socket.on('error', reject);
  });
}
