package de.wattos.llm.internal.contract;

import de.wattos.support.OpenAiStub;

/** Azure OpenAI: the OpenAI wire format under deployment URLs with an api-version query. */
public class AzureOpenAiStub extends OpenAiStub {

    @Override
    protected boolean isChat(Received r) {
        return r.method().equals("POST") && r.path().matches("/openai/deployments/[^/]+/chat/completions")
                && r.query() != null && r.query().contains("api-version=");
    }

    @Override
    protected boolean isModels(Received r) {
        return r.method().equals("GET") && r.path().equals("/openai/models");
    }

    @Override
    protected String model(Received r, Answer a) {
        return "gpt-4o-2024-08-06"; // Azure reports the underlying model, not the deployment
    }
}
