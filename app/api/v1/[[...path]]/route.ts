import { unknownPath } from "../_lib/methods";

// Every method: a path no route serves (and /api/v1 itself) gets the JSON error body (the app's HTML 404 page otherwise).
export {
  unknownPath as GET,
  unknownPath as POST,
  unknownPath as PUT,
  unknownPath as PATCH,
  unknownPath as DELETE,
  unknownPath as HEAD,
  unknownPath as OPTIONS,
};
