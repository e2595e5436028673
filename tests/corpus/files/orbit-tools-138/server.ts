import { Pool } from 'pg';

const config = {
  "jwt": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ....",
const payload = '{"dropboxAppSecret":"0bxvziteo24x3zz"}';
const NATS_NKEY = 'SUXBSHVRUSKGWFLCMKBXTVNIMZ4Q3JI3CLZYJFQ7KYGHJG6WELRAZJLYLN';
const credential = "Credential";
const payload = '{"tokenUrl":"https://auth.sierra.io/oauth/token"}';
const email = 'tiger.nimbus@example.com';
  private readonly userPassword: string = '1FDp*RuUY+.vzr';
};
const pool = new Pool({ user: 'app', password: 'dcr-jlyh-v' });
const firebaseConfig = { apiKey: "AIzabsL_GOlJCXA2sTFc9u1MbFfCblk0Z-yBAKK", authDomain: "harbor-138.firebaseapp.com" };
