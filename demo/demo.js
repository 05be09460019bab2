// The demo page: wires the element to the stand-in (or a real chat), logs every event, and lists
// what reached the chat by reading it back with GetAttachment.
import { ATTACHMENT_EVENT_TYPES, AcpsClient, DEFAULT_STRINGS, resolveEndpoint } from '/dist/connect-attachment-upload.min.js';
import { FRENCH } from './strings-fr.js';

const $ = (selector) => document.querySelector(selector);
const uploader = $('#uploader');
const status = $('#status');
const log = $('#log');
const inChat = $('#in-chat');
const config = await (await fetch('/config.json')).json();


const FAULTS = {
  'throttle-start': [{ route: 'start-attachment-upload', status: 429, errorType: 'ThrottlingException' }],
  's3-500': [{ route: 's3-put', status: 500, errorType: 'InternalError' }],
  's3-403': [{ route: 's3-put', status: 403, errorType: 'AccessDenied', message: 'Access Denied' }],
  'slow-s3': [{ route: 's3-put', slowBytesPerSecond: 200 * 1024 }],
  expired: [{ route: 'start-attachment-upload', expiredUrl: true }],
  quota: [{ route: 'start-attachment-upload', status: 402, errorType: 'ServiceQuotaExceededException', message: 'The number of attachments per contact exceeds the quota' }],
  // The soak test's mix: about 15 % of calls fail in one of the ways real networks and services do.
  chaos: [
    { route: 'start-attachment-upload', probability: 0.05, status: 429, errorType: 'ThrottlingException' },
    { route: 'start-attachment-upload', probability: 0.04, status: 500, errorType: 'InternalServerException' },
    { route: 'start-attachment-upload', probability: 0.04, expiredUrl: true },
    { route: 'start-attachment-upload', probability: 0.04, reset: true },
    { route: 's3-put', probability: 0.05, status: 503, errorType: 'SlowDown' },
    { route: 's3-put', probability: 0.05, reset: true },
    { route: 's3-put', probability: 0.05, slowBytesPerSecond: 512 * 1024 },
    { route: 'complete-attachment-upload', probability: 0.07, status: 429, errorType: 'ThrottlingException' },
    { route: 'complete-attachment-upload', probability: 0.05, status: 500, errorType: 'InternalServerException' },
    { route: 'complete-attachment-upload', probability: 0.04, reset: true },
  ].map((fault) => ({ ...fault, times: -1 })),
};

/** Progress events come many per second; the log keeps one line per file and updates it. */
const progressLines = new Map();

function describe(detail) {
  const { file, uploadId, ...rest } = detail;
  return `${file.name} ${JSON.stringify(rest)}`;
}

function logEvent(event) {
  const text = describe(event.detail);
  if (event.type === 'attachment-progress') {
    const line = progressLines.get(event.detail.uploadId);
    if (line) {
      line.querySelector('.text').textContent = text;
      return;
    }
  }
  const item = document.createElement('li');
  item.className = event.type;
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString();
  const type = document.createElement('span');
  type.className = 'type';
  type.textContent = ` ${event.type} `;
  const body = document.createElement('span');
  body.className = 'text';
  body.textContent = text;
  item.append(time, type, body);
  log.prepend(item);
  if (event.type === 'attachment-progress') progressLines.set(event.detail.uploadId, item);
}

for (const type of ATTACHMENT_EVENT_TYPES) uploader.addEventListener(type, logEvent);

function formatSize(bytes) {
  return new Intl.NumberFormat(undefined, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }).format(bytes / 1024);
}

/** Lists a completed attachment, read back from the chat with GetAttachment. */
uploader.addEventListener('attachment-completed', async ({ detail }) => {
  const item = document.createElement('li');
  item.textContent = `${detail.file.name} · `;
  inChat.append(item);
  try {
    const acps = new AcpsClient(resolveEndpoint(uploader.endpoint, uploader.region));
    const link = await acps.getAttachment(uploader.token, detail.attachmentId);
    const anchor = document.createElement('a');
    anchor.href = link.url;
    anchor.textContent = `download (${formatSize(link.sizeInBytes ?? detail.file.size)}, link valid until ${link.urlExpiry.toLocaleTimeString()})`;
    anchor.download = detail.file.name;
    item.append(anchor);
  } catch (error) {
    item.append(`GetAttachment failed: ${error.message}`);
  }
});

// Words from `strings`, numbers from `lang`: sizes and percentages follow the language too.
$('#language').addEventListener('change', (event) => {
  const french = event.target.value === 'fr';
  uploader.lang = french ? 'fr' : 'en';
  uploader.strings = french ? FRENCH : DEFAULT_STRINGS;
});

$('#clear-log').addEventListener('click', () => {
  log.replaceChildren();
  progressLines.clear();
});

async function newChat() {
  const chat = await (await fetch(`${config.endpoint}/__control/chats`, { method: 'POST' })).json();
  uploader.endpoint = config.endpoint;
  uploader.token = chat.connectionToken;
  inChat.replaceChildren();
  status.textContent = `Connected to a new chat on the local stand-in (contact ${chat.contactId}).`;
}

$('#new-chat').addEventListener('click', newChat);

$('#fault').addEventListener('change', async (event) => {
  const faults = FAULTS[event.target.value] ?? [];
  await fetch(`${config.endpoint}/__control/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ faults }),
  });
  status.textContent = faults.length ? `Fault armed: ${event.target.selectedOptions[0].textContent}.` : 'No faults.';
});

for (const radio of document.querySelectorAll('input[name=mode]')) {
  radio.addEventListener('change', () => {
    const real = $('input[name=mode]:checked').value === 'real';
    $('#stand-in-fields').hidden = real;
    $('#real-fields').hidden = !real;
    if (!real) newChat();
  });
}

$('#backend').addEventListener('submit', (event) => {
  event.preventDefault();
  uploader.endpoint = $('#endpoint').value.trim();
  // A property, never an attribute: attributes are readable by every script on the page.
  uploader.token = $('#token').value.trim();
  $('#token').value = '';
  inChat.replaceChildren();
  status.textContent = `Using ${uploader.endpoint}.`;
});

await newChat();
