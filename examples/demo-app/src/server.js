// The demo's HTTP API: issues and checks session tokens for the billing UI.
const express = require('express');
const jwt = require('jsonwebtoken');
const _ = require('lodash');

const app = express();
app.use(express.json());

app.post('/login', (req, res) => {
  const user = _.pick(req.body, ['name', 'team']);
  const token = jwt.sign(user, process.env.JWT_SECRET, { expiresIn: '1h' });
  res.json({ token });
});

app.get('/me', (req, res) => {
  const token = (req.get('authorization') || '').replace(/^Bearer /, '');
  try {
    res.json(jwt.verify(token, process.env.JWT_SECRET));
  } catch {
    res.status(401).end();
  }
});

app.listen(process.env.PORT || 3000);
