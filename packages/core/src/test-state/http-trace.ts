/**
 * TestState's `TRACE` view of an HTTP Task (`arn:aws:states:::http:invoke`): the HTTP request the
 * task input describes and the HTTP response its result describes, in the shape and text forms AWS
 * shows them (its developer guide's TRACE example): headers as `[name: value, ...]`, the status code
 * as text, the URL with the query string. Offline no EventBridge connection adds headers, query
 * parameters or body fields, so there is nothing `revealSecrets` would reveal: AWS never hides
 * what the definition itself sets.
 */
import { isJsonObject, type Json, type JsonObject } from '../json.js';
import type { CompiledState } from '../runtime/compiled-state.js';
import type { AttemptStages } from '../runtime/inspection.js';
import type { InspectionDataRequest, InspectionDataResponse } from './types.js';

/** Whether `state` is an HTTP Task, the only state AWS shows a request and response for. */
export const isHttpTask = (state: CompiledState): boolean =>
  state.type === 'Task' &&
  state.resource.kind === 'service' &&
  state.resource.resourceType === 'http' &&
  state.resource.resource === 'invoke';

/** The request and (when the task produced a result) the response, for `inspectionData`. */
export function httpTrace(
  stages: AttemptStages,
  region: string,
): { request?: InspectionDataRequest; response?: InspectionDataResponse } {
  // The task input: what Arguments or Parameters made, else the effective input.
  const input = stages.afterArguments ?? stages.afterParameters ?? stages.afterInputPath ?? stages.input;
  if (!isJsonObject(input)) return {};
  const trace: { request?: InspectionDataRequest; response?: InspectionDataResponse } = {
    request: httpRequest(input, region),
  };
  if (isJsonObject(stages.result)) trace.response = httpResponse(stages.result);
  return trace;
}

function httpRequest(input: JsonObject, region: string): InspectionDataRequest {
  const endpoint = typeof input['ApiEndpoint'] === 'string' ? input['ApiEndpoint'] : '';
  const query = isJsonObject(input['QueryParameters']) ? formEncoded(input['QueryParameters']) : '';
  const headers: [string, string][] = isJsonObject(input['Headers'])
    ? Object.entries(input['Headers']).map(([name, value]) => [name, scalarText(value)])
    : [];
  // Step Functions adds these to every HTTP Task request (developer guide, HTTP Task "Headers").
  headers.push(['User-Agent', `Amazon|StepFunctions|HttpInvoke|${region}`], ['Range', 'bytes=0-262144']);
  return {
    protocol: protocolOf(endpoint),
    method: typeof input['Method'] === 'string' ? input['Method'] : '',
    url: query === '' ? endpoint : `${endpoint}${endpoint.includes('?') ? '&' : '?'}${query}`,
    headers: headerList(headers),
    body: requestBody(input),
  };
}

function httpResponse(result: JsonObject): InspectionDataResponse {
  // The result's Headers hold each header's values as a list, as AWS's HTTP Task result does.
  const headers: [string, string][] = isJsonObject(result['Headers'])
    ? Object.entries(result['Headers']).map(([name, values]) => [
        name,
        Array.isArray(values) ? values.map(scalarText).join(', ') : scalarText(values),
      ])
    : [];
  const body = result['ResponseBody'];
  return {
    protocol: 'https',
    statusCode: result['StatusCode'] === undefined ? '' : scalarText(result['StatusCode']),
    statusMessage: typeof result['StatusText'] === 'string' ? result['StatusText'] : '',
    headers: headerList(headers),
    body: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** The body as sent: form encoded when the Transform asks for it, else JSON text. */
function requestBody(input: JsonObject): string {
  const body = input['RequestBody'];
  if (body === undefined) return '';
  const transform = input['Transform'];
  if (isJsonObject(transform) && transform['RequestBodyEncoding'] === 'URL_ENCODED' && isJsonObject(body))
    return formEncoded(body);
  return typeof body === 'string' ? body : JSON.stringify(body);
}

const protocolOf = (url: string): string => {
  const colon = url.indexOf(':');
  return colon > 0 ? url.slice(0, colon).toLowerCase() : 'https';
};

const headerList = (headers: readonly [string, string][]): string =>
  `[${headers.map(([name, value]) => `${name}: ${value}`).join(', ')}]`;

const scalarText = (value: Json): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** `key=value&...` (application/x-www-form-urlencoded); an array gives its key once per item. */
function formEncoded(fields: JsonObject): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const item of value) params.append(key, scalarText(item));
    else params.append(key, scalarText(value));
  }
  return params.toString();
}
