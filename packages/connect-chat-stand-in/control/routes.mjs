// @ts-check
// The /__control API that tests and the demo use to create chats, speak as their agent, read state,
// plan faults, switch runtime options and reset.

import { BodyError, readBody, parseJsonObject, sendJson } from '../shared/http.mjs';
import { ChatControlError } from '../chat/routes.mjs';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

/**
 * @typedef {object} ControlActions
 * @property {(options?: { maxAttachments?: number }) => import('../shared/types.mjs').ChatCredentials} createChat
 * @property {() => Promise<import('../shared/types.mjs').StateSnapshot>} state
 * @property {(faults: unknown) => import('../shared/types.mjs').ActiveFault[]} setFaults
 * @property {(patch: unknown) => import('../shared/types.mjs').RuntimeOptions} setOptions throws a TypeError on bad input
 * @property {() => Promise<void>} reset
 * @property {(contactId: string, message: { content: unknown, contentType?: unknown }) => import('../shared/types.mjs').ChatItem} postAgentMessage
 * @property {(contactId: string) => import('../shared/types.mjs').ChatItem} postAgentTyping
 * @property {(contactId: string) => void} endChat
 */

/** `/__control/chats/<contactId>/<action>`: what the chat's agent does. */
const AGENT_ROUTE = /^\/__control\/chats\/([^/]+)\/(messages|typing|end)$/;

/** @type {Record<string, string>} */
const METHODS = {
  '/__control/chats': 'POST',
  '/__control/state': 'GET',
  '/__control/faults': 'POST',
  '/__control/options': 'POST',
  '/__control/reset': 'POST',
};

/**
 * @param {ControlActions} actions
 * @returns {(req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>}
 */
export function createControlHandler(actions) {
  return async (req, res, pathname) => {
    const agent = AGENT_ROUTE.exec(pathname);
    if (agent) {
      await agentAction(actions, req, res, decodeURIComponent(/** @type {string} */ (agent[1])), /** @type {string} */ (agent[2]));
      return;
    }
    const method = Object.hasOwn(METHODS, pathname) ? METHODS[pathname] : undefined;
    if (!method) {
      sendJson(res, 404, { message: `Unknown control route ${pathname}` });
      return;
    }
    if (req.method !== method) {
      res.setHeader('Allow', `${method}, OPTIONS`);
      sendJson(res, 405, { message: `${pathname} only accepts ${method}` });
      return;
    }
    try {
      switch (pathname) {
        case '/__control/chats': {
          // An optional body `{"maxAttachments": N}` gives this chat its own quota.
          const raw = await readBody(req);
          const body = raw.length === 0 ? {} : parseJsonObject(raw);
          const max = body.maxAttachments;
          if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1)) {
            sendJson(res, 400, { message: 'maxAttachments must be a positive integer' });
            return;
          }
          sendJson(res, 201, actions.createChat(max === undefined ? {} : { maxAttachments: max }));
          return;
        }
        case '/__control/state':
          sendJson(res, 200, await actions.state());
          return;
        case '/__control/faults': {
          const body = parseJsonObject(await readBody(req));
          let faults;
          try {
            faults = actions.setFaults(body.faults);
          } catch (err) {
            if (!(err instanceof TypeError)) throw err;
            sendJson(res, 400, { message: err.message });
            return;
          }
          sendJson(res, 200, { faults });
          return;
        }
        case '/__control/options': {
          const body = parseJsonObject(await readBody(req));
          let options;
          try {
            options = actions.setOptions(body);
          } catch (err) {
            if (!(err instanceof TypeError)) throw err;
            sendJson(res, 400, { message: err.message });
            return;
          }
          sendJson(res, 200, { options });
          return;
        }
        case '/__control/reset':
          await readBody(req);
          await actions.reset();
          sendJson(res, 200, {});
          return;
      }
    } catch (err) {
      if (err instanceof BodyError) {
        sendJson(res, err.status, { message: err.message });
        return;
      }
      console.error('[connect-stand-in] control error:', err);
      sendJson(res, 500, { message: 'Internal error in the stand-in' });
    }
  };
}

/**
 * @param {ControlActions} actions
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {string} contactId
 * @param {string} action
 */
async function agentAction(actions, req, res, contactId, action) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST, OPTIONS');
    sendJson(res, 405, { message: `/__control/chats/<contactId>/${action} only accepts POST` });
    return;
  }
  try {
    const body = parseJsonObject(await readBody(req));
    switch (action) {
      case 'messages':
        sendJson(res, 201, actions.postAgentMessage(contactId, { content: body.content, contentType: body.contentType ?? undefined }));
        return;
      case 'typing':
        sendJson(res, 201, actions.postAgentTyping(contactId));
        return;
      default:
        actions.endChat(contactId);
        sendJson(res, 200, {});
    }
  } catch (err) {
    if (err instanceof BodyError || err instanceof ChatControlError) {
      sendJson(res, err.status, { message: err.message });
      return;
    }
    console.error('[connect-stand-in] control error:', err);
    sendJson(res, 500, { message: 'Internal error in the stand-in' });
  }
}
