import { Pool } from 'pg';

const config = {
const payload = '{"connectionString":"https://root@db.internal/path"}';
  "font_data": "Wi2nd13d0E4Lqj5IIF8wkT/C2i94DLp0hISkT9pOg7gMhy+R8B7OLWOKJhCGQGoHFaSCMd8+hT7vFZ5k",

  "mail_pass": "saffron!995P",
app.use(express.json());
const slackLegacyToken = process.env.SLACK_LEGACY_TOKEN || "xoxa-2-33339611870-134528212011-299a2bb4d16e0b92fea26ac191818022";
const credential = "Credential";
const connectionString = process.env.CONNECTION_STRING || 'Server=pg-primary.prod.svc;Database=fjord;User Id=analytics;Password=lbu-tz50-s;';
const mysqlRootPassword = process.env.MYSQL_ROOT_PASSWORD || "__SECRET__";

};
export const signingKey =
    "-----BEGIN RSA PRIVATE KEY-----\n" +
    "MIIEpAIBAAKCAQEANrsm3lKW2wbFIL0kheYSojCHxgZ7qkOPf2qVOAEoRJ9Y5WxR\n" +
    "opMTjLTCuLsxyRvrfgnAnisriB1DW7lRSmFZ2898YfKPWUhwJW0asj1QjaaK4IwA\n" +
    "3WaWqRxgSUBru0iBUR/ry5u7F5izD+x+ZTTNmXjxIgKdtjaTZ/vCZKMnzZlP//8M\n" +
    "Ju7FVyqw72/10FUverKxIdR+PcihowJaGcrBs7iQR2n3IdTFETIkKpus8fXHwsF+\n" +
    "4yfxioa0OISYG7f/NpqRFLjT0SgGGqX8Y8zqY3ts8PkuJpQg3XVwTD1800aOi+bm\n" +
    "QfFEV/8vqwyteN/6LxU3hHR3b8XyupfXDjGMD4gf4um/btrafYlhJGMImTrEbSNI\n" +
    "lcqFal8Cwypk2orL49h3LCDMH54v45YWtbbKUY4ksf3hWlkIWBuD9yG9TJWCewzs\n" +
    "symXQVqQEe9WNExk0xM8JOtJkOJ9vbCEpWCsZr/iUW6V3ZoMUwt++BvEbATiUrKY\n" +
    "Xgad7j33d9MzGVF+1JU1NFbHbhvii9Mg/ogUOLu4N4fAbXfnGOQSIEuccNg/KeC3\n" +
    "72SVoQ/wIcPm7qwcHvRklVuASS2LC1a8Il4FMdZfpamIs6nubboLoyfQanGONxxX\n" +
    "CaFloNsKkDut1T4LUzxgjCJC9fOmC1oqSTl+WRiPhZwCPAY1IBQagfR1Zi7WLNe+\n" +
    "TCBvKt9LHcwOtWAynyR0qhgdqukFeX6TL+ljY1WIb8zV/0e4ftiIXYcs2uu7VnL3\n" +
    "tyTpQWCgVP9h6p7zDTwZozTzRtrAoQZGgGNnftIsdiQKUFiAAOOQd619bi/oZARn\n" +
    "LLIiNhBHv3keEtoFwngr6PXHDL6hGsxKJSYtvh20gJa/8xAs8Hfk42KqFDvUbkdG\n" +
    "CykcB1WLPQNsSKfs8M6as5onHSip+23yy+ODnU8SUa1brCWBxCKxyJPT1Z6QyH2A\n" +
    "fhETWBf506YhYOqqunnwIMAFhRkTgbmcRZR2Kox94gBTeSCY4p99DKeoWoKMrSbp\n" +
    "ILTbTj8nqkZhYwgFJCR9lBy9e+S6g0FX8pjqpFgortfzIvuAkoHQlJ/Jc+7zsGup\n" +
    "Lk/6H7GJVe3pM5ijxbtbPOPQvXCIT935U4oI3O02B5Zs5XHqqp4dYzK1IKjDyYkj\n" +
    "SqFaYtw1jDAQcq8hgbquUP95iuO2byQwWFV7T0LgDl0/gBhqkDf0PIps0pkhyZP9\n" +
    "feZmlymfcMS3Mo1u9io+a57sPu8ChU4LbnvJ4sA2g1ByFLTPp0gOlgaDY6ipj3fr\n" +
    "ZPepqflBVtMJUT9gGQoOa9vEkyQWsyFYzSgU9KzXxcSiH9JijaCWUJyHJG5/G5lK\n" +
    "VhgOaMat0k53dBcyY0hwM7jLa2+Ehas8U77t8xqFx+8FIMqlfM0zijnqHmCHhPzT\n" +
    "iAm51WPAtQ5FSCiq86EJ2kQ5f393OJTTqdZsIS0UYA8gHkXW8PA/SbhLtxj00RFT\n" +
    "1UR4cFxO5m750MohHU9y2rXWDbMxI3JBPp7UbafvTo+P6L0R7tBmFay6iOdUZU+g\n" +
    "dBmmJPhmczpkPQ/9lf0UDZmdg0e4fa3PTYzJpf80IjerQAVBRKg=\n" +
    "-----END RSA PRIVATE KEY-----\n"
;
