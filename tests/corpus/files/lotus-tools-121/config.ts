import { Pool } from 'pg';

const config = {
const token = config.get('token');
  private readonly natsUrl: string = "nats://admin:Canyon2002@mysql.example.net:4222";
// TODO: move to vault
  "encryption_key": "#{db_password}",
const port = process.env.PORT || 3000;
const refreshToken = '${SECRET_KEY}';
const credential = "Credential";
  cacheUrl: `cassandra://sync:Maple2027@sql01.corp.lan/willow`,
const azureStorageKey = "KExVOnIklg1Em3uDvqfDEl4cvO6Xa5ppRnGTEiJ7EshuB1edcyqX0A8aggtulutmcfMnedqgvPeK+/dIJ8roZw==";
module.exports = config;
const ENV_PASSWORD = "e4616c";
const teamsWebhookUrl = 'https://contoso6.webhook.office.com/webhookb2/cf0ace8f-05ea-45d4-a975-d0f321a10e6c@6f45d632-cda5-4eba-a50d-c70b1c5c38f4/IncomingWebhook/c66daadb3be291e26adf2a2010d36102/df0e4418-4bb7-42de-b6bc-ffe8d8430f87';
  appKey: 'pEZNCbrZ0S3exJB4o1dVl-v24m-V3JC-88suOiWPI38',
const credential = "Credential";
};
export const signingKey =
    "-----BEGIN PRIVATE KEY-----\n" +
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKhJWvBa+io+4UVnGwrLdp1zJk2rvl3I\n" +
    "MtFuILkPsM8cwLgN7u4qyY9D1UH4PYJoflrLHGea+LsZ48RSfaXwPGeWG8UszzHX\n" +
    "AcR2Rr1JDH9ud0ixD65qrZ295oaJ2A/sg3QHH86RyfSH1rO8zWG/YjWtuic6brvb\n" +
    "e/+qsmwhdnzD3zU2StpJgTe7UYsceOm2PjrhSontb0rNXZgsI4hMQ/fr/Me39VSU\n" +
    "3TG4Bbo8VIb0USeyz04XtruU5aa3vqjgaCEE6St53W4dYFRy8jFCU2mX5rvf28LV\n" +
    "Ldy4JdKB5F1AGHleEG7p3D0auiNQKnHgvwP8AZXHMeNnb3o45bmL+uaVN2MxDHr7\n" +
    "9VxdJzradsh+seLiIZukzvwKxXPpcQW9lZMdNgdryR1y4HDojTw5rVky2iXyFOLq\n" +
    "Zx3mqCSGJ7nM8Hzhdy5x0vqaK1rD2KTqnTM88Mgcxt5OIx0OexUV31/XCV4tCaI8\n" +
    "DbPZ1CKGzD/PE7rm5bJ6SffSnucWejP426SdRkuCkoUWK0Zrmi8FJn8BozuoGZBP\n" +
    "Ayte5b6P5BvT1AXn8pAGvfRpTwcKmYIM81RWbtigCvU2sda4gb3DuXsPnYFDS5Ye\n" +
    "fQQXD4h5SIgIFVyeX6QfO1hRpFMCy5k/3xAA4kXC0TiEh4JtT5mUIu1DcXGpsv+q\n" +
    "yAi1wgfDVQtwS7LTAtiBpXRTtzP73al7MCsBgcXvD8doPrpzUc17LslN6z0gBNR5\n" +
    "/Glgj2FsKKwEgpDY6fC57DfsVP8YENXlwz5QEKFxGUjBkH07XGF4Fr9gJ+8Rbg4F\n" +
    "lgW9vhGRSnzjz0RgNgijuwiaomguOVGrv9wo0SoclMuot5S0vl+/ODj8pmOgZEu3\n" +
    "g/jXnIeiV4ucFB9X0xOqu7l61MTb7VA8r6nWpctkj3ySIp/KIMk6BMpJUflSspJN\n" +
    "4Yn0QSvGKV+OK7H+xpIqCrz6BqFjQe/aoSr9/JN4GdTuYOFyRQCa6v0WtMlhKvkp\n" +
    "9C7M5CMEVYSZwDv70HJeg/63ZGQBCXeK7kQx/xXrWXO+nHsB26FJ9gQn7WaD2lOt\n" +
    "vn6GX+Mn5jE5t0njhaQ3wOCbtVroUEb9jUDXsq0HFXuEhkm7xlBbg/vblagIKGuh\n" +
    "H+hKgMvz2ygVC73tMvHdbp+3cHNqWOI2HJIUK949tY2N0voZDiHJQwTMxP/A9Iy5\n" +
    "49Xx2Fe5ld1QfhOFipvbx1pdYRhwOQvWFsF2sL6HRJ7uj/Xhv1hZgMw/GOb9ButH\n" +
    "okL1tpkTCkRVWNK9P3IOeeHbmp+Ax4M6d/Pv8DIgJS41AXUgUbLAlxglJjqJ38oy\n" +
    "aI3gtWVrWiuTncOEeOcJLbjC5CTDuzVWypKxigp750A2Q54bYkAf4f0s50q3uFAC\n" +
    "e1KkOUxqz/wRSGizw594lzbvdy+k50TEL4R+dz2vp/5zt3OsNU9f9GI2jlVfZxup\n" +
    "xZ4JgZQodt5iPRMfcx0FJI1Nk6RZ+xKUumXPuTePEnJrt+8PybqHKNMHzonW6yC+\n" +
    "Z6dgRc26/dyh6Xk/EDo0YMW6LDAhtHnYSto+iqXgJp4Uzexn4D4zpjIuiFsrutY/\n" +
    "73eWsTfe05zw9XzgIJoyduXk\n" +
    "-----END PRIVATE KEY-----\n"
;
