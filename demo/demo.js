// The demo page: a customer's chat on amazon-connect-chatjs (window.connect) against the local
// Connect stand-in, with the element in the composer taking its token and scan verdicts from the
// session; the stand-in's controls (agent, scan, faults); every event of the element in a log.
import { ATTACHMENT_EVENT_TYPES } from '/dist/connect-attachment-upload.min.js';

const $ = (selector) => document.querySelector(selector);
const uploader = $('#uploader');
const status = $('#status');
const log = $('#log');
const transcript = $('#transcript');
const config = await (await fetch('/config.json')).json();
// chatjs caches its service client per region with the endpoint it had: set once, before any session.
const REGION = 'us-east-1';
window.connect.ChatSession.setGlobalConfig({ region: REGION, endpoint: config.endpoint });

/** The chat on the stand-in now: its ids and its chatjs session. */
let current;

const FAULTS = {
  'throttle-start': [{ route: 'start-attachment-upload', status: 429, errorType: 'ThrottlingException' }],
  's3-500': [{ route: 's3-put', status: 500, errorType: 'InternalError' }],
  's3-403': [{ route: 's3-put', status: 403, errorType: 'AccessDenied', message: 'Access Denied' }],
  'slow-s3': [{ route: 's3-put', slowBytesPerSecond: 200 * 1024 }],
  expired: [{ route: 'start-attachment-upload', expiredUrl: true }],
  quota: [
    {
      route: 'start-attachment-upload',
      status: 402,
      errorType: 'ServiceQuotaExceededException',
      message: 'The number of attachments per contact exceeds the quota',
    },
  ],
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

const control = (path, body) =>
  fetch(`${config.endpoint}/__control/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });

// --- the event log -----------------------------------------------------------------------------

/** Progress events come many per second; the log keeps one line per file and updates it. */
const progressLines = new Map();

function logEvent(event) {
  const { file, uploadId, ...rest } = event.detail;
  const text = `${file.name} ${JSON.stringify(rest)}`;
  if (event.type === 'attachment-progress') {
    const line = progressLines.get(uploadId);
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
  if (event.type === 'attachment-progress') progressLines.set(uploadId, item);
}

for (const type of ATTACHMENT_EVENT_TYPES) uploader.addEventListener(type, logEvent);

// --- the transcript ----------------------------------------------------------------------------

/** One line per chat item Id: an attachment's verdict arrives as the same item again. */
const lines = new Map();
const SCAN_WORDS = { IN_PROGRESS: 'being scanned…', APPROVED: 'approved', REJECTED: 'rejected by the scan' };
const EVENT_WORDS = {
  'application/vnd.amazonaws.connect.event.participant.joined': 'joined the chat',
  'application/vnd.amazonaws.connect.event.participant.left': 'left the chat',
  'application/vnd.amazonaws.connect.event.chat.ended': 'The chat ended.',
};

/** Opens an attachment of the chat through the element (GetAttachment with the session's token). */
async function open(attachmentId, name) {
  try {
    window.open(await uploader.getAttachmentUrl(attachmentId), '_blank', 'noopener');
  } catch (error) {
    status.textContent = `${name} could not be opened: ${error.message}`;
  }
}

function showItem(item) {
  const words = item.Type === 'EVENT' ? EVENT_WORDS[item.ContentType] : undefined;
  if (!['MESSAGE', 'ATTACHMENT'].includes(item.Type) && !words) return;
  let line = lines.get(item.Id);
  if (!line) {
    line = document.createElement('li');
    lines.set(item.Id, line);
    transcript.append(line);
  }
  const who = item.ParticipantRole === 'CUSTOMER' ? 'You' : (item.DisplayName ?? item.ParticipantRole ?? '');
  line.className = `${item.Type.toLowerCase()} ${(item.ParticipantRole ?? 'system').toLowerCase()}`;
  line.replaceChildren();
  const sender = document.createElement('b');
  sender.textContent = item.ContentType === 'application/vnd.amazonaws.connect.event.chat.ended' ? '' : `${who} `;
  line.append(sender);
  if (item.Type === 'MESSAGE') line.append(item.Content ?? '');
  else if (words) line.append(words);
  else {
    const attachment = item.Attachments?.[0];
    line.dataset.status = attachment?.Status ?? 'REJECTED';
    const name = document.createElement('bdi');
    name.textContent = attachment?.AttachmentName ?? 'an attachment';
    line.append('sent ', name, ` · ${SCAN_WORDS[line.dataset.status]}`);
    if (attachment?.Status === 'APPROVED') {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Open';
      button.addEventListener('click', () => open(attachment.AttachmentId, attachment.AttachmentName));
      line.append(' ', button);
    }
  }
  transcript.scrollTop = transcript.scrollHeight;
}

// --- the chat ----------------------------------------------------------------------------------

async function newChat() {
  const previous = current;
  current = undefined;
  // The old chat ends for the stand-in too; its socket closes when chat.ended arrives.
  previous?.session.disconnectParticipant().catch(() => {});
  const chat = await (await control('chats')).json();
  const session = window.connect.ChatSession.create({
    chatDetails: { contactId: chat.contactId, participantId: chat.participantId, participantToken: chat.participantToken },
    options: { region: REGION },
    type: 'CUSTOMER',
    // Client-side metrics would start a worker posting to AWS: off for a local chat.
    disableCSM: true,
  });
  current = { chat, session };
  lines.clear();
  transcript.replaceChildren();
  session.onMessage(({ data }) => current?.session === session && showItem(data));
  session.onEnded(() => current?.session === session && (status.textContent = 'The chat ended. Start a new one.'));
  await session.connect();
  // Three lines wire the element to the chat: no token, no verdict handling of the page's own.
  uploader.token = undefined;
  uploader.endpoint = config.endpoint;
  uploader.chatSession = session;
  const { data } = await session.getTranscript({ maxResults: 100, sortOrder: 'ASCENDING' });
  for (const item of data.Transcript ?? []) showItem(item);
  status.textContent = `Connected to a new chat on the local stand-in (contact ${chat.contactId}).`;
}

// Send: the files staged in the composer go to the chat (Complete), then the text, after them, through
// the chat session the element holds. Without a session (a real chat by token) the text stays here.
$('#composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('#message').value.trim();
  $('#message').value = '';
  const { failed, textSent } = await uploader.send({ text });
  if (text && !textSent) $('#message').value = text;
  if (failed.length > 0) status.textContent = `${failed.length} file(s) could not be sent: see the composer.`;
});

$('#message').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    $('#composer').requestSubmit();
  }
});

$('#agent-say').addEventListener('click', async () => {
  if (!current) return;
  await control(`chats/${encodeURIComponent(current.chat.contactId)}/messages`, { content: $('#agent-text').value || '…' });
});

async function setScan() {
  const match = $('#scan-reject').value.trim();
  const delayMs = Math.max(0, Number($('#scan-delay').value) || 0);
  const response = await control('options', { scan: { delayMs, rules: match ? [{ match, verdict: 'REJECTED' }] : [] } });
  status.textContent = response.ok
    ? `The scan rejects names matching ${match ? `/${match}/` : 'nothing'}, after ${delayMs} ms.`
    : `The stand-in refused that scan rule: ${(await response.json()).message}`;
}

$('#scan-reject').addEventListener('change', setScan);
// A staged upload that waited too long is refused at Send; the element starts it over once.
$('#max-staged').addEventListener('change', async () => {
  const maxStagedMs = Math.max(0, Math.floor(Number($('#max-staged').value) || 0));
  const response = await control('options', { maxStagedMs });
  status.textContent = response.ok
    ? maxStagedMs
      ? `The stand-in refuses the Complete of what was started more than ${maxStagedMs} ms ago.`
      : 'Staged files never go stale.'
    : `The stand-in refused that: ${(await response.json()).message}`;
});
$('#scan-delay').addEventListener('change', setScan);
$('#new-chat').addEventListener('click', newChat);

$('#fault').addEventListener('change', async (event) => {
  const faults = FAULTS[event.target.value] ?? [];
  await control('faults', { faults });
  status.textContent = faults.length ? `Fault armed: ${event.target.selectedOptions[0].textContent}.` : 'No faults.';
});

// The element speaks its `lang` (its words load the first time); Arabic and Hebrew lay it out right
// to left, as a page in those languages would with its own `dir`.
$('#language').addEventListener('change', (event) => {
  uploader.lang = event.target.value;
  uploader.dir = /^(ar|he)$/.test(event.target.value) ? 'rtl' : '';
});

$('#clear-log').addEventListener('click', () => {
  log.replaceChildren();
  progressLines.clear();
});

// --- a real chat: the element alone, with an endpoint and a ConnectionToken -------------------

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
  current?.session.disconnectParticipant().catch(() => {});
  current = undefined;
  uploader.chatSession = undefined;
  uploader.endpoint = $('#endpoint').value.trim();
  // A property, never an attribute: attributes are readable by every script on the page.
  uploader.token = $('#token').value.trim();
  $('#token').value = '';
  lines.clear();
  transcript.replaceChildren();
  status.textContent = `Using ${uploader.endpoint}.`;
});

// Without a chat session there is no transcript: what the element completes is listed instead.
uploader.addEventListener('attachment-completed', ({ detail }) => {
  if (current) return;
  showItem({
    Id: detail.attachmentId,
    Type: 'ATTACHMENT',
    ParticipantRole: 'CUSTOMER',
    Attachments: [{ AttachmentId: detail.attachmentId, AttachmentName: detail.file.name, Status: 'APPROVED' }],
  });
});

await setScan();
await newChat();
