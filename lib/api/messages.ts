// The API client's words a page may need before it loads the client (and zod with it): the
// sign-up page loads the client only once the form is being filled in.

/** What the member reads when a request never reached the server. */
export const NETWORK_ERROR_MESSAGE = "Couldn't reach Meetcute. Check your connection and try again.";
