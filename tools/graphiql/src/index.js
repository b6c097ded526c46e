// The GraphiQL page's script: React, GraphiQL and graphql-ws in one file, so that the page
// loads nothing but what goalline serves. The page gives the endpoint and the opening document
// in <script id="graphiql-config" type="application/json">.
import 'graphiql/graphiql.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const config = JSON.parse(document.getElementById('graphiql-config').textContent);
const url = new URL(config.endpoint, window.location.href);
// Subscriptions: the same path over WebSocket (graphql-transport-ws, graphql-ws's protocol).
const subscriptionUrl = new URL(url);
subscriptionUrl.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';

const fetcher = createGraphiQLFetcher({ url: url.href, subscriptionUrl: subscriptionUrl.href });
createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, {
    fetcher,
    defaultQuery: config.defaultQuery,
    defaultEditorToolsVisibility: true,
  }),
);
