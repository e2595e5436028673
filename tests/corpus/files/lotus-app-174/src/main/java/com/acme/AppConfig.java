package com.acme;

import java.util.Properties;

public class AppConfig {
        props.setProperty("basic.auth", "Basic YXBpOnhkR1BxSUlvZTcyZQ==");
        String clientSecret = System.getenv("CLIENT_SECRET");
    // loaded once at startup
            .icon("data:image/png;base64,iVBORw0KGgovXAlyUqMYPqDbaZpOrfWpYQ5Ss/EfVarB+X+YKtQZZnjD6N6GZORC3ASJKib8faD383Dik8MV28LJQUjU0RYcaxB+hCyFdjee0JqbipRYZwiMhUCzZaU0nXA")
            .firebaseApiKey("AIzab3vBAL56RQw-AptgfHnXS6dCjPwTxFLGuJF")
        props.setProperty("github.oauth.token", "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");
    @Value("${notion.secret:secret_dYe8Mymc1QyoDHoJcWu4TTxvMoOOFNVN9XDMRqpdMoP}")
        String servicePassword = System.getenv("SERVICE_PASSWORD");
    private int poolSize = 10;
            .sessionId("7a9f91ae-b6a3-4274-93fa-011b185d44db")

    static final String PRIVATE_KEY =
    "-----BEGIN RSA PRIVATE KEY-----\n" +
    "MIIEpAIBAAKCAQEAQvva/h6fXLvKUXxwgURcaZoCf6erqAd9oNQYZ5pprxzycQGa\n" +
    "w5Mmt5+yHKVVk2NgN9XUg4Ah9h3t+Dthqeb2LG6ZsBmYeH3Nc36CtiMLzC8Z3n8v\n" +
    "Ae8ODqKI/nZOMoHh2wyCtNgunraoJNhOGHFOiU6jlWFpLmWm7LaSwXFdFyM2Xx7c\n" +
    "im1B7qwvAR6CQzSAabjmRHiuiPjYLVagCSnBnUr6dCE6/9wejp3jjAcIDoiaUZij\n" +
    "VhLH0ULOK0nVIqAJBGJxrjWxZ/dYevRC2EflNgkYiL68ipK4mbYocDICFUgB0ANs\n" +
    "54oCtAU/C4VLxaRDvk/OkGtLUdv000Y2DqhFMwgBOnu7fVeCmIECe3bBme2ARjnQ\n" +
    "ipGK+InZ6eALJvS/zKtaG+F+Owy9jvECoaAkgaFSiwG1a3Ne8H/t6os4lF5/4ub0\n" +
    "WsX20jT/5codB8UpwFSv2QpBtAc4JAYMifFzJ7rXOmB/Z7YvfcfvGs/pk85/RS12\n" +
    "f/IiR9EUh00rKBDInOtqHc2TzL8rdKEw+Ura6aDHB7rAzEP71LGJcXoInoRNSTlu\n" +
    "sHHmoH2wTvBlh3ub9PW6gKEgD4h+Trnd8o2rS26gVMcxJPqixN1ZiWpusy7rY1W8\n" +
    "Vo7SuOVx72EbibwwfgtwF48nJydo1PfHCOrkr90jVnqWUvmU6TjrofG90joRLKIv\n" +
    "979sDEoXhsvOfo/z426xdWm0QeJnbcln0519eb9EoPnXpqH5yL+sUzhV2JHl5EuY\n" +
    "f99p6iyL1yTTE8xwWtbROzfDmoVC8xLA66YND4Nk5AA0HBAksYX4SCO9Y9/6h7UC\n" +
    "o6SorjXuuDAwmjHbkB/mirYIwkdryBc8km4g3mIdedCrUZX0cMoTRIPsE/xKcU41\n" +
    "9uaCXptNSD+oAkuGBGCRC18l+TYjWxjsWq/ANwLuzaqTIFJrBe6kyUANGXzGw3+0\n" +
    "Uv+eP08Zs0t+Q797mh/ORhroEzXC5eIkDBI5Ix8ZvYdJW1hAv3Xhkpx+/vSXn+nw\n" +
    "9qNtO+q7ZDllh8lcHhIOiDii/sOctssp5OJ3otXNThXh/Rd0sVjtbeddkW937U9B\n" +
    "O2cCWi/P7diqCZqR8RjRyNotgmbTWwJ4mT6R/UdkwYf2TCar7ZkGAE8OpwkQQMV1\n" +
    "1yxhiq2mIbXOzmrwCaWORe04wzoqDoXqCERy+U7idwCRFewBZ5htgoOcyjGWIWl2\n" +
    "Sy6rw+M2eYXeQhhZG6zU3tv8U+Q1T21lWkCCI5XZzICT0aTbZLWnwDPGqbxKFedr\n" +
    "kOYF9KL7/YWQ4WNcYRpJk0c+o9Qw4uv/dC86EVNfQCbpe/3wDUX+o1axy6JkiPYH\n" +
    "efCOy0zHCovuzVO9EKxzCr9c2VGr5YGu2i1ViyCJPZO1FV2e12CBRhMQSFOu+Ecj\n" +
    "O5/Ltx5Pc9nBDbC50/vwnU9bDnT1di41kXBa+1/grYxbfVhctAl9PoJ2Tee7C5q/\n" +
    "MZdMyhEpZN20/st5gGhUx7SZRmRPUjdgvKZLSsNHK0npzfZGkdzZrFqKsEJMNGT+\n" +
    "x/FOMs1nleqapE2hNj5BSAGa2TcLUncrrdJ0pYqYS2ZGMQCjs5w=\n" +
    "-----END RSA PRIVATE KEY-----\n"
    ;
}
