package dev.imcp.runtime.upstream;

import dev.imcp.runtime.config.OutboundAuth;
import dev.imcp.runtime.config.ServiceConfig;
import dev.imcp.runtime.upstream.encoded.SoapHeaderWriter;
import jakarta.xml.soap.SOAPException;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.WSS4JConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecUsernameToken;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.net.ssl.SSLContext;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import java.util.HashMap;
import java.util.Map;

/**
 * The message- and transport-level security of one SOAP service's requests, from its configuration: the
 * {@code wsse:Security} header with a UsernameToken ({@code auth.type: ws-security-username-token}, OASIS WS-Security
 * UsernameToken Profile 1.1, written by Apache WSS4J), custom header blocks ({@code soap-headers}) and the TLS
 * context ({@code tls.*}, mutual TLS when a key store is configured). HTTP basic and bearer credentials and HTTP
 * headers are not its business: {@link SoapPorts} and {@link DefaultUpstreamContext} set those.
 *
 * <p>The same settings apply to both SOAP clients: {@link #apply} configures a CXF JAX-WS client (document and
 * rpc/literal ports), {@link #headerWriter()} writes the header blocks of a SAAJ envelope (rpc/encoded ports).
 * Thread-safe; the TLS stores are loaded and the header blocks parsed once, by the constructor.
 */
final class SoapSecurity {

    private static final System.Logger LOG = System.getLogger(SoapSecurity.class.getName());

    private final String serviceId;
    private final OutboundAuth auth;
    private final SoapHeaderBlocks blocks;
    private final SSLContext tls;

    /**
     * @param config the service's configuration
     * @throws IllegalArgumentException when a TLS store cannot be loaded or a header block is malformed (the message
     *     names the key)
     */
    SoapSecurity(ServiceConfig config) {
        this.serviceId = config.id();
        this.auth = config.auth();
        this.blocks = new SoapHeaderBlocks(config.id(), config.soapHeaders());
        this.tls = TlsContexts.create("imcp.services." + config.id() + ".tls.", config.tls());
    }

    /** Returns the service's TLS context, or {@code null} when it configures none (the JDK's defaults apply). */
    SSLContext sslContext() {
        return tls;
    }

    /**
     * Configures a CXF client: the TLS context on its conduit, an interceptor adding the custom header blocks and,
     * for a UsernameToken, a {@link WSS4JOutInterceptor} with action {@code UsernameToken}.
     *
     * @param client the client of a JAX-WS proxy
     * @param conduit its HTTP conduit
     */
    void apply(Client client, HTTPConduit conduit) {
        warnIfClearText(conduit.getAddress());
        if (tls != null) {
            TLSClientParameters parameters = new TLSClientParameters();
            parameters.setSslContext(tls);
            conduit.setTlsClientParameters(parameters);
        }
        if (!blocks.isEmpty()) {
            client.getOutInterceptors().add(blocks.interceptor());
        }
        if (auth.type() == OutboundAuth.Type.WS_SECURITY_USERNAME_TOKEN) {
            Map<String, Object> properties = new HashMap<>();
            properties.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN);
            properties.put(ConfigurationConstants.USER, auth.username());
            properties.put(ConfigurationConstants.PASSWORD_TYPE,
                    auth.passwordType() == OutboundAuth.PasswordType.TEXT ? WSS4JConstants.PW_TEXT : WSS4JConstants.PW_DIGEST);
            properties.put(ConfigurationConstants.PW_CALLBACK_REF, new PasswordCallback(auth));
            properties.put(ConfigurationConstants.ADD_USERNAMETOKEN_NONCE, String.valueOf(auth.nonce()));
            properties.put(ConfigurationConstants.ADD_USERNAMETOKEN_CREATED, String.valueOf(auth.created()));
            client.getOutInterceptors().add(new WSS4JOutInterceptor(properties));
        }
    }

    /**
     * Logs a WARNING when a PasswordText UsernameToken would travel over plain {@code http}, where anyone on the path
     * reads the password (UsernameToken Profile 1.1 section 3.1 leaves its protection to the transport or to
     * encryption). The call still goes out: a test or an in-cluster upstream may be meant to work that way.
     *
     * @param address the port's address
     */
    void warnIfClearText(String address) {
        if (auth.type() == OutboundAuth.Type.WS_SECURITY_USERNAME_TOKEN
                && auth.passwordType() == OutboundAuth.PasswordType.TEXT
                && address != null && address.regionMatches(true, 0, "http:", 0, 5)) {
            LOG.log(System.Logger.Level.WARNING, "imcp.services." + serviceId + ": the WS-Security UsernameToken "
                    + "password goes as PasswordText over plain http to " + address + "; use https or "
                    + "auth.password-type digest");
        }
    }

    /**
     * Returns the writer of the header blocks of an rpc/encoded request: copies of the custom blocks, then the
     * {@code wsse:Security} header with a fresh UsernameToken (new nonce and creation time) when one is configured.
     */
    SoapHeaderWriter headerWriter() {
        boolean usernameToken = auth.type() == OutboundAuth.Type.WS_SECURITY_USERNAME_TOKEN;
        if (blocks.isEmpty() && !usernameToken) {
            return SoapHeaderWriter.NONE;
        }
        if (usernameToken) {
            WSSConfig.init(); // what CXF's interceptor does first: registers the XML security providers once
        }
        return header -> {
            Document envelope = header.getOwnerDocument();
            for (Element block : blocks.importInto(envelope)) {
                header.appendChild(block);
            }
            if (usernameToken) {
                usernameToken(envelope);
            }
        };
    }

    private void usernameToken(Document envelope) throws SOAPException {
        try {
            WSSecHeader security = new WSSecHeader(envelope); // no actor, mustUnderstand="1"
            security.insertSecurityHeader();
            WSSecUsernameToken token = new WSSecUsernameToken(security);
            boolean text = auth.passwordType() == OutboundAuth.PasswordType.TEXT;
            token.setPasswordType(text ? WSS4JConstants.PASSWORD_TEXT : WSS4JConstants.PASSWORD_DIGEST);
            token.setUserInfo(auth.username(), auth.password());
            if (text && auth.nonce()) {
                token.addNonce();
            }
            if (text && auth.created()) {
                token.addCreated();
            }
            token.build(); // a digest adds its own nonce and creation time
        } catch (WSSecurityException e) {
            throw new SOAPException("cannot write the WS-Security header: " + e.getMessage());
        }
    }

    /** Answers WSS4J's request for the UsernameToken password of the configured user. */
    private static final class PasswordCallback implements CallbackHandler {

        private final OutboundAuth auth;

        PasswordCallback(OutboundAuth auth) {
            this.auth = auth;
        }

        @Override
        public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
            for (Callback callback : callbacks) {
                if (!(callback instanceof WSPasswordCallback pc) || pc.getUsage() != WSPasswordCallback.USERNAME_TOKEN) {
                    throw new UnsupportedCallbackException(callback, "only the UsernameToken password is configured");
                }
                if (auth.username().equals(pc.getIdentifier())) {
                    pc.setPassword(auth.password());
                }
            }
        }
    }
}
