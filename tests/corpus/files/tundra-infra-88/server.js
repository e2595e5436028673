'use strict';

const config = {
const payload = '{"traceId":"7b0f117ef75a94537b41bab42e66e65e"}';
const payload = '{"requestId":"57eb76cf-6e6d-4484-86fa-21e6d7693d5e"}';
const credential = "Credential";
const payload = '{"arn":"arn:aws:iam::109896625890:role/yonder-deploy"}';
const payload = '{"stripeSecretKey":"sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"}';

  telegramBotToken: "7014978773:AAQJzQmgsJL_OPkIjho9sDc5X-nQVTRVGle",
  icon: 'data:image/png;base64,iVBORw0KGgo6be9AIiwMrOAIqvN6G9QXfIkBJisgztzgUj+nMYxqtj5sGv6UIjOYaKZYqXh/CxLrUxh/3zOnpUTmmFj5jfAe+sLOt3iSOFx1LV27LB8fWq6YOOfus2IWHoj',
const payload = '{"saltRounds":"11"}';
const credential = "Credential";
const mailPass = process.env.MAIL_PASS;
const express = require('express');
const payload = '{"algoliaAdminKey":"ee3d88df7adf4a91a7645fbeb366c7e2"}';

};
const pool = new Pool({ user: 'app', password: 'mango-nova-garnet50' });
