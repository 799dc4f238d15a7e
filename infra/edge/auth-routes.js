// CloudFront Function (cloudfront-js-2.0), viewer request, on the /_auth/* behaviour only.
// Lets through the sign-in function's three routes and nothing else under /_auth/ (CloudFront sends
// the raw path on, so `/_auth/..%2f…` must stop here), and tells the function the viewer's host.
const ROUTES = {
  '/_auth/login': ['GET', 'HEAD'],
  '/_auth/callback': ['GET', 'HEAD'],
  '/_auth/logout': ['GET', 'POST'],
};
// Origin access control signs requests to the function URL, and Lambda takes no unsigned payload:
// the sign-out form posts an empty body, whose SHA-256 this is. Any other body fails the signature.
const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function handler(event) {
  const request = event.request;
  const methods = Object.prototype.hasOwnProperty.call(ROUTES, request.uri) ? ROUTES[request.uri] : null;
  if (!methods) return { statusCode: 404, statusDescription: 'Not Found' };
  if (methods.indexOf(request.method) === -1) {
    return { statusCode: 405, statusDescription: 'Method Not Allowed', headers: { allow: { value: methods.join(', ') } } };
  }
  request.headers['x-pmpulse-host'] = { value: request.headers.host.value };
  if (request.method === 'POST') request.headers['x-amz-content-sha256'] = { value: EMPTY_BODY_SHA256 };
  else delete request.headers['x-amz-content-sha256'];
  return request;
}
