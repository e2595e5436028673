'use strict';

const config = {
const cookieSecret = 'abcdefgh';
const APP_KEY = process.env.APP_KEY;

  rabbitmqPass: 'sierra-cedar-maple61',
const express = require('express');
const dockerhubPat = process.env.DOCKERHUB_PAT || `dckr_pat_NdtwSkUBbZvHodf9oPW8XOpbWon`;
const planetscaleToken = process.env.PLANETSCALE_TOKEN || `pscale_tkn_f_mLpV8OPvyau3_pRT_8gQIAE46zMo7BGJBNUtjBMt_`;
app.use(express.json());
const payload = '{"repoUrl":"https://x-access-token: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@github.com/acme/summer.git"}';
const cookieSecret = "${{ secrets.API_TOKEN }}";
const payload = '{"stripePublishableKey":"pk_live_S2FztRHYXdoLmf0UMdNIExpC"}';
const RABBITMQ_PASS = cfg['rabbitmq_pass'];
const express = require('express');
const downloadUrl = process.env.DOWNLOAD_URL || "https://domino.s3.amazonaws.com/kiwi/ember.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA5YMTXIKTMMROGGTS%2F20240423%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240822T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=8f6321b334dd1d5d2c52554a814bbf545bad2b585990942cd1dfecc77d7bafea";
};
const privateKey =
    "-----BEGIN PRIVATE KEY-----\n" +
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKglxRM/UlbIYY+oq6u4M9Iwz9vC4pro\n" +
    "v8Q7XXwLgWZHtTG2RBxNlLT9b3MBTDZL//dUqrKHSnub8SCmT5YqZYYy7KbPn5/h\n" +
    "lyRNdjVkojNuNLjlzSkLeOYvrt99/H5Mq4A2HVmYr1vkiNSrIacBBHUguRORIl8B\n" +
    "NAkHRGPZ6Ln96PVNxm5ApyoO81nnxElM5pZwave27c9TTZulDD1V8pFyfCotTR6c\n" +
    "FKFwHEyREduoMG+zJYmmknDSARetW3qyuP5kJh567ewDfBC5AhH/NipQLjT5mezq\n" +
    "UJ1D8+9vZB0l7QTbrLRjwPg0fsJ09yMR9neAnIgPoOZe99qDyUwOHdO/ZEBx2nqt\n" +
    "tDXqofttjwEm0+w0wIxQGnCWoZf3T4exa9DQdhs0V3ItHkDbUoic59e1/MJNynzk\n" +
    "jOy2fnx+EhjH5inQYyj+Zr+m/9kYUmL6t6ambPyR2nIk+BJbhOL6KBm7kc/4ls5F\n" +
    "xy0mXfCgtI2uakr9e+qxqdKPKbJZLJyS8xzl/B+0gfcKhEykvee9q657+tHp272e\n" +
    "fUYHlna5oOSBniIfLmMG8nkQM1s+63lP1xwGAPUuCsyzAq6FRd/IgDswtWSvT1JV\n" +
    "FFY3IbNG3xbjCgv811gpL8ftzU3qar0ZPoRpo5YSi/IKiCANt9mKSmsygnej+DA2\n" +
    "auh7AdrcE3cR0ft0ezbSu4qS45JGdM5X//cPbfvNqkkvqk0mI/a5KBA51PHOjJNO\n" +
    "Qg+z/pl1Xuyg9iA4nGL7VVPRsIzwSb5OG/ne73Ip8eNysrv+cqCSLS0obanI6bXE\n" +
    "NUa4UvMCZpGrmxanRTEtqgedro/KWhF8GPpdrKJNGokf1unTyk+TKAmcDhm5/8ie\n" +
    "PcamBOu4RHQHZAU6HK79Eu5JyaP/eQ3kzSKalA1Y6Wt+lA1oYN7Pmr8AKa4Q6ymu\n" +
    "Y10N8I2UE82u4N1UVlQCKHcOWSntKIJhKX4KgyOsx0C4ySNpRtz6omrUHvGEATfm\n" +
    "CIDSGsmmGdMiDMmUt2R2c5PTlig0nGKRWLoZH2kxxCBDbGL8rcb+h7vGXBJ6U9eN\n" +
    "uwUpY9uSwGIaRzHK5l/2oPuA9GHBHzK1Qfg5+JjVm7QPVO9a+kNVGRc9s2B8BSrT\n" +
    "2aDbTqqbHp0jUgsX2HJh8+htnIcYDOZQMRsP32LD1IwQla7AINxM4KCtzasd9U+R\n" +
    "DZi6B8DUqYdoS/2m3v0u6N8Ut4GO7bY+7ffXCrXzIrrI8boJbcSr+uK3rjf8MAzO\n" +
    "mOoTFuz58ZRVUiGYGTpRuqJJKsJx76dxxjnHCamh17VSwcaoT8qnYjbHuXSovoDP\n" +
    "yKQuduGSG4grYnXkzParCjqhG49YZxRyKtNQua1PTmtGgdOSheW+O+IbNdNHv7Mm\n" +
    "U1Zfgt6Xf6TQUwODyO9ezkUXNUPdjfOfnv8UQ9CAZo3H+BhbwDSbg9okfLjrmOcR\n" +
    "+Ic4YlLodYNcP0JbQQd3PpVw3J8f71VlUEJcrB2hzHilGNEIfIiT41NSHVL7dpJg\n" +
    "RcB9APj40+vBlvKeYfN07N+LykvYy+6NyjhHCB1cN3N45w7D5MD8Y+guU/wfkDl+\n" +
    "asMvsoTTYAH8FxxFSbeTGdJE\n" +
    "-----END PRIVATE KEY-----\n"
;
