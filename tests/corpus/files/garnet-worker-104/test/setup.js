'use strict';

const config = {
  "auth_header": "Bearer tzq-b97f983c6072a506f38899604930b9a0",

const payload = '{"nugetApiKey":"oy220a8h63fooddlr7tfky7pmwj3d7h7o6sfq7bkx8czag"}';
// TODO: move to vault
const COMMIT = 'b23071c4755e28724cdc75818f36668179698c3fe26f24116aa261230ebac8c7';
const TWILIO_ACCOUNT_SID = 'ACfce16b9e48d459cadb876917d0c1bcdd';
const payload = '{"randomSeed":"0"}';
  "subscription_id": "8ebd22db-28b1-4f79-9dc4-94b273ceeb82",
const payload = '{"stripeWebhookSecret":"whsec_vPa7XISHr61qWBqFSYSMHpEr7aCwPGPw"}';
const twilioAccountSid = "AC51379d06cab68fa15025bbba27bd6465";
};
const privateKey =
    "-----BEGIN RSA PRIVATE KEY-----\n" +
    "MIIEpAIBAAKCAQEAOLzp04UvVc6wM/Z25FaFLX4kqyHdqD8ciWTyedfoevbYzGuf\n" +
    "uDLgm2rGt6wFNES4Sb6HO471/WM2dVy5Rz5aOi/f2o+1fC9dPIEVw6YKVlcD24pA\n" +
    "/xBhGNjfym/8+sWyD/SjG9aJvzupJF+L5nQdzwn1XtbSbq1wX2aZ/C+oumCFZv4C\n" +
    "FjDaFYfHqzcuiZ2F3iu0xRB4Kb4+Lka8TIuTkFas+nRUB8FdqZ9DvKfapbhBeFjb\n" +
    "EUm3cPw9AdM5plz7uira4fSfxEvSpHKVxeAHzyU2/I8aKD18Z01+q30/04TMX/H5\n" +
    "2nmrb9iF64E4VFIWUphvHSG/3wRaUE4sWfsaDT6fIR1JxIJV/0nYuYksLyKX16VC\n" +
    "vXRyG99yt3dj/jZTDcs1Yf70aKx7UxGD3CmvGM2OrlAHx1SppbhBTUdgbirlRGQq\n" +
    "F+ieC81tAru3ku/uAZ9gfgtBWo1nXVXz6qQSoU9/JxsNYwVEKw5ea2+CEKWikykM\n" +
    "hnPq9hvvFF80WeDoZ159P/n5DWFIOzdhH5k1zSGWqt+FoG8nz2BlrM9RcFYUFQWa\n" +
    "yUOUtKzX+kzo0RuCbSJgbsWUfXgdWc5YMeEHBVNHuXKPo34/s6fMbBj2Xk9utdim\n" +
    "nDeF8NaxN2O2RRgiUX6F0ne5rJeotIZ9JHqKPmsBDmxLc9XprJMgKENKn2KapLyV\n" +
    "aAqjP60MRue/RqxW3gNEFPxceeKCuUM6i6VG8nVTC+cX3cVvaGAoCY7yWc2cN1J7\n" +
    "bSy4Mm2CAvjmY9vFNcUSJE1lvKrDTKw7YjvYHifxt7cx4Aq3+lL/Q9cl8LE/xYIN\n" +
    "LLeGGeYlqpGpIY+sjUkZjBWxzf7um4pa94i2FRIroZdvwdzGSC3tXEA+r6tmiTF4\n" +
    "dhZGn3x6lmYQQeN/dO/7q2yFvIjic2Y/S0ed3ZcdClWmM4PquT6O8+SStTBrHkYB\n" +
    "iwxwX5R9Su9A4rFwUp013KK3VsVTfEo88eGzOR9h0LlYzPQ2aZqEUtU43UEOg29Z\n" +
    "xo+kxwX0Zis1AXpWQQmOHoGAx4RD6zR/0FnxV4Dae5NCokLBWRL9bHacN47smD7y\n" +
    "LmbDw4oIKTNCwOJUkqeO6aPRkk5hlILXE+boMVv06u+HPWaqTNLhYt2j6uG2QUpt\n" +
    "z6DiS8g/9i8x2/Zn4V5brPBGtE2IozgfAXuLp6uj+gIYc7qmOvYTIv8rcan4Dm3s\n" +
    "PJRt+iiz+rEpVB86FfeMBIl+h+s6ZdCYev9Ajc8wHsvchc7xhJaR3qxpdWcoXjYx\n" +
    "GEROE7zrawki6CqDzgZhbCDVC91IW1+zoU5PIPyeH56cU+kPTDuGosGj/LJeFasZ\n" +
    "qAkoGSdBLTBOCF6B0n/B72T15jVXaQd5J57rLpRwldp0hQ3ess0hXdhgUM0hrOwZ\n" +
    "YUDkwCOdX2dgDOl6pPxU88+Eo26ok45VuPWt7FuqFc+iwArd2BZItbVUKEG0Beut\n" +
    "nfknKfBQovtuz5VKRHORl4ppDnO3W/V/F45611FaUOOtd3uvz///swbQYYpccr7W\n" +
    "lGPbMPgqg7fAxOMe+o6bs2t2zpYy0tmQ2LNM5D+qApWO9jKbaP0=\n" +
    "-----END RSA PRIVATE KEY-----\n"
;
const firebaseConfig = { apiKey: "AIza7gJrxQ2aIFPr1gty4b8xGSuBsjGA8_YxgQJ", authDomain: "basil-104.firebaseapp.com" };
