import { transitionRoute } from "../../_transition";
import { otherMethods } from "../../../_lib/methods";

export const POST = transitionRoute("cancel");

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
