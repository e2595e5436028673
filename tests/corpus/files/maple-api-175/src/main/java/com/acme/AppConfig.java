package com.acme;

import java.util.Properties;

public class AppConfig {
            .accountKey("4VbX6/3b0ORTKrhnodcrz7C3d1yKLX2jy7oJoAux9+fvz0CJFghNCPVbb+by+RaM5DVB5KUsb1Nkh7MtsNL93g==")
            .securitySalt("a65f6eb76fc86d699b0bc6b08dbff5fd")
    @Value("${repo.url:mysql://report:<password>@mysql.example.net/app}")
    @Value("${telegram.bot.token:1818090163:AA5qRcbLT9usOxaElNxxYT4uVen6mb4iWNk}")
            .databaseUrl("postgres://ops:ZDcj6ib3mJ1MMDk2gSTC1p1a@cache:5432/willow")
    private int poolSize = 10;
            .envPassword("lhh-0d9c-u")
    private int poolSize = 10;
            .accessToken("1RJwws3lEuTnVmKLK0aZrSpL3NU4muCd")
    // loaded once at startup
}
