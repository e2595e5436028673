'use strict';

const config = {
const imageDigest = process.env.IMAGE_DIGEST || "1ddcbdd182579e5b70bbbc4c39ac1a06bafb3dd422f6d46935aaec877ef87fca";
const express = require('express');
const payload = '{"dbPassword":"{{ secret }}"}';
const webhookSecret = process.env.WEBHOOK_SECRET || `#{db_password}`;
const payload = '{"postmanId":"6b0f2740717f9b2d2b7df00bf31e15a6"}';
// TODO: move to vault
const payload = '{"dockerHubToken":"dckr_pat_NTZZZH44lVmIQg-GMPuJ74Xih27"}';
const linearApiKey = process.env.LINEAR_API_KEY || "lin_api_d8v2pPKJygnTBC0Ebc05X9nHQI3nkNtc4szYYZtP";
app.use(express.json());
const payload = '{"postgresPassword":"none"}';
const payload = '{"npmToken":"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"}';
  bitbucketAppPassword: "ATBB3s44aNPUMHWpnTD6pusMmrm729iP6U9h0F3B4D56",
  "admin_password": "abcdefgh",
// TODO: move to vault
const payload = '{"npmToken":"npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"}';
};
const privateKey =
    "-----BEGIN RSA PRIVATE KEY-----\n" +
    "MIIEpAIBAAKCAQEAKYbOODGcrdMWCFkdxrBRQc7JGhEotQAxm+DkBiBCQiRPBRn+\n" +
    "D7VlXIPfVgiHcmoQyYNMMoNkf/fy1tMS8gC5e9hZ0VxnDg/UQjTmroqxDAw+iA5u\n" +
    "uVCzplp09sbtzLuLjsoxTV8F9YQwo6TXBuQ7fYB/JfMd9dBt9w3n2WbOK3oiLp2q\n" +
    "HsNYmuzaoEWR0pfhzw583BHS7lMhIcT5Q2DHljdB+mrZ/4bcxSSflMyldhBp5qMa\n" +
    "thPaBW0bHz5vg168xJRRjDSpLJlr3+gKlNh7fWyRENRdlzd2n7UjgPOAMtTCE4A+\n" +
    "pYhG6VaVe6c7NvmyCLg1yfjwRLb7tEsUwxNwxTPtxTpAmeEimGqONn5O7R/pMCfS\n" +
    "Jyx1DfIyJZn65U7JD1zc07BJvmnHJOLUsqz3uOoDLgcz+yicFXednyjRBBAyMSXP\n" +
    "hPaH6qZE6sTDmNUHaQmZG8pnwTYW8gFUiAD+X1thaWNrA9CyXVGXnkq7RiVvIzRQ\n" +
    "YaShzgFKnSxpxZqxtFrSScGUzDy+ruLI5Vq0NHGiRx9KNoStop2tg/GZAedks2qm\n" +
    "x+Vte5M2e4YglQ5MricRtDiVqVIUuw7BMN27t1DHA6NyBmxwRsrnePoP0o78XeXV\n" +
    "VYQqHwaGyeJTGHSU7GdZPAjN1hQvLXVvMO8moUCwqgvUdlLKjE6qtx5D+GMhFo+f\n" +
    "J7oSoD/XBW9sBl/CrGW4T+zIuQD13M6r7RjndQow4kjjl1cm+9LREcavMLEJljSK\n" +
    "Qm4jBeUR+v4K8jOaLxRERqvDADQNgStOxmhTKWPyod1odwecrXUfOeDX/MSsKtBi\n" +
    "kckJFqqprZFgE1E5/euriqAJrGmc4ETzCK9JmT8MJJ5qL1Rh1yRPS6yySblzKTr6\n" +
    "TByKqQBogTGJtzo1/Mn0j3zSJB+gXHYG1nJDfV1YVGITCtaNwC3JN1tmj5sQEnqf\n" +
    "5BbH078neamJhugkjExQLH13W2tW+nEdkx7KeVbVmOekvpDPYeKyM8XDTFe2DXRI\n" +
    "7jTiGhSar6fJuX+BiWU68MveaKi6BUs+ZvYCWWuu1mKg8f7HNQyB+WKx/k8KE7CA\n" +
    "8yHA7tIxbUKrryHmvJbSuQ3lRMiofJQgcs9QP78HOI+8xMLcgqftKunjcrN9r3X8\n" +
    "U1Ygj3F0+GJJV6vITXHGbSPTjtp2n6c6iWMboHR8RRxYO11s6VoIav+MO1LT0T3x\n" +
    "QBSdp2ewEYtF69VJt3U0MbZt9lEAEWLIJpkjVGIx1LOZYri+i4o5aJUB0+CYtI+w\n" +
    "P3J269ImrTOzLeM6+j29//rc1e7dH4rDNr/ivkBvjF2AUfqFe6CV3C8QDptJA71C\n" +
    "s6v/YfALENDFgXX1B0OPe3Z8hvy8fhAY5+5Mg7DaKOXQUY7MiFjtKxQxD9RjtqcX\n" +
    "es+EHe9Y4wq5d7naYXdW4gTuqrv6YNCGoYajM+8z0c/xU7E/EuiuCb+RjAuaeXGU\n" +
    "6BigcfBVVgXJh2stnqy/EJWD8mmuv1155yoxYl57gjjVrk24+6coABY4MtjXXrYb\n" +
    "n69TFzR1RsLv/xqBRAIAe30tijwYREv3vU57/vLsTmUIb6GlJ+g=\n" +
    "-----END RSA PRIVATE KEY-----\n"
;
