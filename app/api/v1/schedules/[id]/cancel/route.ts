import { transitionRoute } from "../../_transition";

export const POST = transitionRoute("cancel");
