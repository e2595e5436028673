package com.acme;

import java.util.Properties;

public class AppConfig {
    @Value("${password.min.length:15}")

        props.setProperty("random.seed", "0");

        String json = "{\"authorization\": \"Basic <base64(user:password)>\"}";
            .awsSecret("Ibzs6S2d41QaSSXxvaCW1fEkvTqbO1v9j7ESX/ca")
        String jwtSecret = System.getenv("JWT_SECRET");
    private static final String AUTHORIZATION = "Bearer crf-b2a9466d616c841751293c335f32b8d3";

        String json = "{\"clientId\": \"1ec9b255-e49f-465e-a59f-ee432ce5ce88\"}";
    // loaded once at startup
    private static final String TOKEN_TYPE = "Bearer";

            .natsSeed("SUWIPZJUEOFZWC5KXKW33VHN4ZBPBOSK3GVXNN7YGLFGBWQA4CYIUWGRAY")
    @Value("${master.password:${{ secrets.API_TOKEN }}}")
    static final String PRIVATE_KEY =
    "-----BEGIN RSA PRIVATE KEY-----\n" +
    "MIIEpAIBAAKCAQEASDr1QvQQvHa8WfRCN6f+jykd275jKtfP6iQxJVu5529dIJ17\n" +
    "yFMQzeQf5j30LYt0K/n5P7HbCQWN14eOhaAZceFkZJyRhve6zv0VrFJR4ROpXp0T\n" +
    "2UPYkVV2BCmSUZuv93bIwPI/3b4Jlx2PpN9lVog86W9dSy8KZMtCAsZxfdNIO1Wm\n" +
    "LD8RCaV8M+zPbqbdP8U4ws6tpDMQhgePMGjAc2zjQEpTxfpvZyWh3h9CKR4XB5zz\n" +
    "GzkMBPwGbW2MQfN2HvfrY9R3m3mcMkgOTisaIZC0e7uBAIq5g4Ht+CrBKPIntJTV\n" +
    "5+/KLz244k+DCayRAkFlzVGT1x6q5sCy2Gc9ZIPR3Defwvy7w/1ckqctd1ysj21x\n" +
    "tzTLKK8gPzAS9SvMFB8nCu6bKICA+OvHDjHcbGG04S4KrK7/0hQ8q2efuzWr5KYU\n" +
    "eoHC8E0INDUizESREC1Z05TW27Eo0nceO3JOalfovpN9v6T6gXI2BaUlCTeIqFRe\n" +
    "ARCchXuaKKKCt3sYM99bqPbws7V8ijMxA/OaVGLLFH7/pLRXjqzi1ZUB6IJ+NwE6\n" +
    "+0fWs9zD4E/p5w0UpqhONuHDHXA5bE79ZfRXKdah4Ckhz0AMYa6hDeIHSiCIJgl+\n" +
    "68ZebC35h3v9VnaGtFGW2xkNkh3MI79X9cqMyJN8HrYLwvUqzcIJPyEOqIVgOsU+\n" +
    "4zYOLGUYUmYvToSIQVyNeIuEB8Ggf8+HB5zr47mNytyjcvCPypwV11AkehVNpjq5\n" +
    "dwrS0SRmxmfjmL0oi2rOBqfgOgfNfU+DRCUnZgbWr6RA5dsGcncaT4c3X4DloLEQ\n" +
    "jxBtr6qVPBWZ5Psze4Oe1kYXSUYb1s5e5BmFD3k0vqxSqkx3YOPzYSPRLAnFxFhA\n" +
    "m94nawne2Nr2TZjL4/Yc+QOdystFCkv++phnFWWULrJ/oY+R6k//CE5cHGfx2MUg\n" +
    "Tlj5UHlLPY1V3/V/s6Pt6fYXG0CDEfOSQq/Qp+lmuiRwCseOioOCGPe0Mm5muJ+8\n" +
    "au3JBHeZQDsvYLyTAeLfiRhAuILuvRnPbCFo51ldegYEPTQ3dB6tOz0DMoUXv7bQ\n" +
    "cU4cavVzbwAtPPcswqtNl3Yuy45z9noueHoOONXbXfmDdIDhDNndm/3IzIGCDq6i\n" +
    "Xp0evcb2OSMKK8VV0wRIjKNEziaolyOEIaC6zZ5ksBBBgM0YH0u3LT6giO5wwncB\n" +
    "+bCovWcQH8rjbDaAgLDVGh9YaD/PqWs7WV6nB82XjuVipHogj4JchleTPOFKucPb\n" +
    "DhzzXqXX+VdZv4yB7g9GylE52cQxOzDd9vnabKt9Ugk/8euSFyurmpArvB7Xsh1I\n" +
    "jiHJbsfmHTpyHOOYh6UJ4GdIT05Ci+lRewGB5TvqSptVXZnGsnXNSVHtPTiZlMNu\n" +
    "z1MHrLEQ27M9FiL3m3Jv6xqJXSl85fAwFgrEB9/m8dMhb6FfK0HslmObzscjzhGl\n" +
    "YYs6dNYeBAznjyqeyESAZ6K8X9UjJF6dmYDlETBY3CVEuAxyJeHSKdg8o9eER6pM\n" +
    "jvHboCC7zIIWCO/kF82sxQFVFtbYrkWZra71KfPez730eSkK6BY=\n" +
    "-----END RSA PRIVATE KEY-----\n"
    ;
}
