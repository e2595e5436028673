package com.acme;

import java.util.Properties;

public class AppConfig {
    private static final String ENCRYPTED_DATA = "AgBFNuAVzG2J3pTE9sKEEgw078tGFKMu+IxEDjSuDSt8K7Weg5QQuxvNLbtjv8pU/+jlA87psH/C2K7dnSf9p7aFuj5Q+sAv77Z2H+47df6eqAhfv2cw5k4TQjwl3bUhPTaDvBLHarfWL1WwVLLlf2WCiPkZbilmHj35EXjWF7Rrd9khAqcD8332vywOPMig5F+0dxzPmPPpVkEI7mh8p5qDtfIeAz0QfSwGy/9XrI3DpTB+xEw";
            .pwd("domino-sierra-copper53")
        props.setProperty("jfrog.token", "AKCpILbnHBnx6dTLxcOz1hpqu6zlQpFfzC9LwT8l0tkmr0YMPXbpxKwQ1lDnleeXcMMpU9LXd");
            .slackToken("xoxp-10572478888-18668010713-6085548285597-6202aeb5f210a4800039e6af01e48d19")
    private static final String JWT = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1OTkwNDUiLCJuYW1lIjoiZ3JhZmFuYSIsImlhdCI6MTYxMzkzMjc1OCwiZXhwIjoxNjE0MDE5MTU4fQ.JeuX3mFWh41Xr1mSfYg7Y7z-bqc7dvxC2Yr_02GkrSOCTIRN3qZuYcdEnWSt9BC8XjZnbgHa6YEpgU-H-Wxe1w";
    // loaded once at startup
        String json = "{\"azureStorageKey\": \"PCsA2mRofaDTKRCbf07SqFExSjx1lofkQZT114LXbGTMCT0ebcS1apFJQ1T8pMw1LQGXBMua56RT2jjNCKmcbw==\"}";
            .connectionString("postgres://webapp@pg-primary.prod.svc:5432/app")
        props.setProperty("amqp.url", "postgres://billing@mongo-0.mongo:5432/app");

}
